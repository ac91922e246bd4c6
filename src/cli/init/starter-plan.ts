import { Document, isMap, isSeq, type Node, type Scalar } from 'yaml';
import { backupCadence } from './backup-cadence.js';
import { STARTER_COMMENTS } from './starter-comments.js';
import type { StarterAnswers } from './starter-answers.js';

/**
 * A commented starter DRPlan for the chosen pattern, as a YAML Document whose comments are real YAML
 * comments (they survive `yaml` round-trips and explain each field in place). Values a person must
 * replace (ingress addresses, workload names, bucket) are documentation placeholders, flagged so.
 *
 * @example starterPlan(answers).toString().startsWith('# DR plan')
 */
export function starterPlan(answers: StarterAnswers): Document {
  const doc = new Document(starterValues(answers));
  doc.commentBefore = ` DR plan "${answers.name}" (${answers.pattern}), written by \`lifeboat plan init\`.\n Check it with \`lifeboat plan validate\`, see its predicted RTO/RPO with \`lifeboat plan explain\`.`;
  for (const [path, comment] of Object.entries(STARTER_COMMENTS)) annotate(doc, path.split('.'), comment);
  return doc;
}

function starterValues(a: StarterAnswers): Record<string, unknown> {
  const cadence = backupCadence(a.rpo);
  const standbyRole = a.pattern === 'active-active' ? 'active' : 'standby';
  const primaryRole = a.pattern === 'active-active' ? 'active' : 'primary';
  return {
    apiVersion: 'lifeboat.dev/v1alpha1',
    kind: 'DRPlan',
    metadata: { name: a.name },
    spec: {
      pattern: a.pattern,
      regions: [
        { name: 'region-a', role: primaryRole, context: a.primaryContext, ingress: { address: '203.0.113.10' } },
        { name: 'region-b', role: standbyRole, context: a.standbyContext, ingress: { address: '198.51.100.20' } },
      ],
      objectives: { rto: a.rto.toString(), rpo: a.rpo.toString() },
      protection: { namespaces: { names: a.namespaces }, volumes: 'snapshot' },
      backup: {
        mode: 'managed',
        storageLocations: [{ name: 'offsite-backups', provider: 'aws', bucket: `${a.name}-dr-backups` }],
        schedules: [{ name: `${a.name}-backup`, cron: cadence.cron, storageLocation: 'offsite-backups', ttl: '720h', expectedDuration: cadence.expectedDuration.toString() }],
      },
      traffic: traffic(a),
      capacity: capacity(a),
      ...(a.pattern === 'pilot-light' ? { gitops: { argocd: { namespace: 'argocd', applications: [a.name] } } } : {}),
      notifications: [],
      trigger: { unreachableFor: '5m', failingChecks: 2, autoFailover: false, approvers: 1 },
    },
  };
}

function traffic(a: StarterAnswers): Record<string, unknown> {
  const base = { provider: a.dnsProvider, zone: a.zone, record: a.record, type: 'A', ttl: '60s' };
  const weights = a.pattern === 'active-active' ? { weights: { 'region-a': 50, 'region-b': 50 } } : {};
  if (a.dnsProvider === 'powerdns') return { ...base, endpoint: 'http://127.0.0.1:8081', credentials: 'env:PDNS_API_KEY', ...weights };
  if (a.dnsProvider === 'cloudflare') return { ...base, credentials: 'env:CLOUDFLARE_API_TOKEN', ...weights };
  return { ...base, ...weights };
}

function capacity(a: StarterAnswers): Record<string, unknown> {
  if (a.pattern === 'active-active') return { type: 'none' };
  if (a.pattern === 'pilot-light') {
    return { type: 'cluster-api', machineDeployment: { namespace: 'default', name: `${a.name}-workers`, standby: 0, active: 3 } };
  }
  return { type: 'deployment-replicas', deployments: [{ namespace: a.namespaces[0] ?? 'default', name: 'web', standby: 0, active: 3 }] };
}

/** Puts `comment` above the key at `path` (e.g. `spec.objectives.rto`); paths that are absent are skipped. */
function annotate(doc: Document, path: readonly string[], comment: string): void {
  const parent = doc.getIn(path.slice(0, -1).map(segment), true) as Node | undefined;
  const last = path.at(-1) ?? '';
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as Scalar).value === last);
    if (pair) (pair.key as Scalar).commentBefore = ` ${comment.replace(/\n/g, '\n ')}`;
  } else if (isSeq(parent)) {
    const item = parent.items[Number(last)] as Node | undefined;
    if (item) item.commentBefore = ` ${comment}`;
  }
}

const segment = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s);

import { z } from 'zod';
import { Duration } from '../objectives/duration.js';
import { chaosPlanIssues } from '../chaos/chaos-plan-issues.js';
import { validatePlanSemantics } from './plan-semantics.js';

/**
 * The DRPlan schema (apiVersion lifeboat.dev/v1alpha1). Every plan file, CLI flag set and HTTP body that
 * carries a plan is validated by this one schema; the TypeScript types are derived from it.
 * Secrets never live in a plan: credentials are references (`env:NAME` or `file:/path`).
 */

/** A duration written like `15m`, `1h30m`, `720h` or `PT1H`; parsed into a Duration. */
export const durationSchema = z
  .string({ error: 'expected a duration like "15m" or "1h"' })
  .transform((text, ctx) => {
    const d = Duration.tryParse(text);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like "15m", "1h30m" or "PT1H", got "${text}"` });
      return z.NEVER;
    }
    return d;
  });

const dnsName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
  message: 'expected a lowercase DNS-1123 name like "region-a"',
});

/** A reference to a secret value, never the value: `env:SLACK_WEBHOOK_URL` or `file:/etc/lifeboat/pdns.key`. */
export const secretRefSchema = z.string().regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/, {
  message: 'expected a secret reference like "env:NAME" or "file:/path" (never the secret itself)',
});

export const patternSchema = z.enum(['active-passive', 'active-active', 'pilot-light']);

const labelSelectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

export const regionSchema = z.strictObject({
  name: dnsName,
  /** primary/standby for active-passive and pilot-light; active for active-active. */
  role: z.enum(['primary', 'standby', 'active']),
  /** kubeconfig context that reaches this region's cluster. */
  context: z.string().min(1),
  /** Path to a kubeconfig file; default: $KUBECONFIG or ~/.kube/config. */
  kubeconfig: z.string().min(1).optional(),
  /** Cloud region or site, for "is the backup in the same region" checks (e.g. eu-west-1). */
  location: z.string().min(1).optional(),
  /** URLs probed to decide whether the region is up, from each vantage point. */
  healthEndpoints: z.array(z.url()).default([]),
  /** Where this region's ingress answers: the address DNS points at during failover. */
  ingress: z.strictObject({
    address: z.string().min(1),
    port: z.number().int().min(1).max(65535).optional(),
    /** Host header used for the traffic check (default: the traffic record). */
    host: z.string().optional(),
    /** Path probed to check traffic is served (default "/"). */
    path: z.string().startsWith('/').optional(),
  }),
  veleroNamespace: z.string().min(1).default('velero'),
});

export const objectivesSchema = z.strictObject({
  rto: durationSchema,
  rpo: durationSchema,
});

export const protectionSchema = z.strictObject({
  namespaces: z.strictObject({
    names: z.array(dnsName).default([]),
    globs: z.array(z.string().min(1)).default([]),
    selector: labelSelectorSchema.optional(),
    exclude: z.array(z.string().min(1)).default([]),
  }),
  resources: z
    .strictObject({
      /** Velero resource names (plural, optionally with group): deployments, certificates.cert-manager.io. `*` = all. */
      included: z.array(z.string().min(1)).default(['*']),
      excluded: z.array(z.string().min(1)).default([]),
    })
    .default({ included: ['*'], excluded: [] }),
  /** How persistent volume data is protected. */
  volumes: z.enum(['snapshot', 'fs-backup', 'none']).default('snapshot'),
  /** How long restore points must be kept (compared with each schedule's ttl). */
  retention: durationSchema.optional(),
  /** Count PartiallyFailed backups as restore sources (their errors are shown); default: Completed only. */
  acceptPartiallyFailed: z.boolean().default(false),
});

export const storageLocationSchema = z.strictObject({
  name: dnsName,
  /** Provider of the location, as Velero names it. */
  provider: z.string().default('aws'),
  bucket: z.string().min(1),
  prefix: z.string().optional(),
  /** Cloud region/site holding the bucket; compared with the primary's location. */
  location: z.string().min(1).optional(),
  config: z.record(z.string(), z.string()).default({}),
});

export const scheduleSchema = z.strictObject({
  name: dnsName,
  /** 5-field cron or `@every 6h` / `@hourly`, as Velero accepts. */
  cron: z.string().min(1),
  /** Namespaces this schedule backs up; default: all the plan protects. */
  namespaces: z.array(z.string().min(1)).optional(),
  includedResources: z.array(z.string().min(1)).optional(),
  excludedResources: z.array(z.string().min(1)).optional(),
  storageLocation: dnsName,
  volumeSnapshotLocations: z.array(dnsName).default([]),
  defaultVolumesToFsBackup: z.boolean().optional(),
  ttl: durationSchema.default(Duration.hours(720)),
  /** How long one backup takes (measured or estimated); adds to the worst-case RPO. */
  expectedDuration: durationSchema.default(Duration.minutes(5)),
});

export const backupSchema = z.strictObject({
  /** managed: Lifeboat renders the schedules; adopt: it reads the Schedules already in the cluster. */
  mode: z.enum(['managed', 'adopt']).default('managed'),
  schedules: z.array(scheduleSchema).default([]),
  storageLocations: z.array(storageLocationSchema).default([]),
  /** Names of volume snapshot locations and the location (region) they write to. */
  volumeSnapshotLocations: z
    .array(z.strictObject({ name: dnsName, provider: z.string().default('aws'), location: z.string().optional() }))
    .default([]),
});

export const trafficSchema = z.strictObject({
  provider: z.enum(['powerdns', 'route53', 'cloudflare', 'none']),
  /** Provider API endpoint (PowerDNS: http://host:8081); SaaS providers default to their public API. */
  endpoint: z.url().optional(),
  credentials: secretRefSchema.optional(),
  zone: z.string().min(1),
  /** Fully qualified record name, e.g. app.lab.test. */
  record: z.string().min(1),
  type: z.enum(['A', 'AAAA', 'CNAME']).default('A'),
  ttl: durationSchema.default(Duration.seconds(60)),
  /** Weights per region name (active-active and failback shifts); default: all to the primary. */
  weights: z.record(z.string(), z.number().int().min(0).max(100)).optional(),
});

export const capacitySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('deployment-replicas'),
    /** Workloads in the standby scaled from `standby` to `active` replicas on failover. */
    deployments: z
      .array(z.strictObject({ namespace: z.string().min(1), name: z.string().min(1), standby: z.number().int().min(0), active: z.number().int().min(1) }))
      .min(1),
  }),
  z.strictObject({
    type: z.literal('cluster-api'),
    machineDeployment: z.strictObject({ namespace: z.string().min(1), name: z.string().min(1), standby: z.number().int().min(0), active: z.number().int().min(1) }),
  }),
  z.strictObject({
    type: z.literal('karpenter'),
    nodePool: z.strictObject({ name: z.string().min(1), standbyCpu: z.string().default('0'), activeCpu: z.string().min(1) }),
  }),
]);

export const gitopsSchema = z.strictObject({
  argocd: z.strictObject({
    namespace: z.string().default('argocd'),
    /** Argo CD Applications (in the standby's Argo CD) to sync before restoring data. */
    applications: z.array(z.string().min(1)).min(1),
  }),
});

export const notificationSchema = z.strictObject({
  name: dnsName,
  type: z.enum(['slack', 'webhook', 'pagerduty', 'smtp']),
  /** Where the secret URL, routing key or SMTP password lives. */
  secret: secretRefSchema.optional(),
  /** smtp: recipients; webhook: nothing; slack/pagerduty: nothing. */
  to: z.array(z.email()).optional(),
  /** smtp: server as host:port. */
  server: z.string().optional(),
  /** Which events reach this channel. */
  events: z.array(z.enum(['failover-started', 'approval-needed', 'failover-complete', 'failover-failed', 'drill-complete', 'posture-breach'])).optional(),
});

export const vantagePointSchema = z.strictObject({
  name: dnsName,
  /** http: probe the health endpoints from here; alertmanager: accept alerts from this source. */
  type: z.enum(['http', 'alertmanager']).default('http'),
  /** For http vantage points: an egress proxy or agent URL; omitted = probe from the orchestrator. */
  via: z.url().optional(),
});

export const triggerSchema = z.strictObject({
  /** The primary must be unreachable at least this long before failover is proposed. */
  unreachableFor: durationSchema.default(Duration.minutes(5)),
  /** How many failing health checks are needed. */
  failingChecks: z.number().int().min(1).default(2),
  vantagePoints: z.array(vantagePointSchema).default([{ name: 'orchestrator', type: 'http' }]),
  /** How many vantage points must agree the region is down. */
  quorum: z.number().int().min(1).default(1),
  /** false: failover waits for the incident commander's approval. */
  autoFailover: z.boolean().default(false),
  /** Approvers needed to declare a failover (two-person rule for production). */
  approvers: z.number().int().min(1).max(5).default(1),
});

/** Per-phase time budgets; the seed's runbook gives the defaults. */
export const budgetsSchema = z.strictObject({
  confirm: durationSchema.default(Duration.minutes(2)),
  declare: durationSchema.default(Duration.minutes(5)),
  fence: durationSchema.default(Duration.minutes(1)),
  scale: durationSchema.default(Duration.minutes(3)),
  gitopsSync: durationSchema.default(Duration.minutes(3)),
  restore: durationSchema.default(Duration.minutes(5)),
  verify: durationSchema.default(Duration.minutes(2)),
  switchTraffic: durationSchema.default(Duration.minutes(2)),
  watch: durationSchema.default(Duration.minutes(5)),
  notify: durationSchema.default(Duration.minutes(1)),
});

const atLeastOneSecond = (d: Duration): boolean => d.toMilliseconds() >= 1000;
const chaosOutageKind = z.enum(['network-partition', 'pod-failure', 'pod-kill']);

/**
 * How a failover drill on a real cluster takes the primary region down (docs/chaos.md). `lab` leaves it
 * to the lab's own fault injection; `chaos-mesh` and `litmus` render that tool's experiments
 * (src/core/chaos/). Defaults that depend on the rest of the plan (blast radius, abort thresholds) are
 * resolved by resolveChaos, and the cross-field rules live in chaosPlanIssues.
 */
export const drillChaosSchema = z.strictObject({
  method: z.enum(['lab', 'chaos-mesh', 'litmus']).default('lab'),
  /** Namespace the chaos objects are created in; default: chaos-mesh for Chaos Mesh, litmus for Litmus. */
  namespace: dnsName.optional(),
  /** Litmus only: the service account its runner and experiment pods use (default litmus-admin). */
  serviceAccount: dnsName.optional(),
  outage: z.strictObject({
    /** One kind or a list: network-partition cuts the pods off from everything; pod-failure keeps them down; pod-kill kills them once. */
    kind: z.union([chaosOutageKind, z.array(chaosOutageKind).min(1)]).transform((k) => [...new Set(Array.isArray(k) ? k : [k])]).default(['network-partition']),
    duration: durationSchema.refine(atLeastOneSecond, 'must be at least 1s').default(Duration.minutes(10)),
  }).default(() => ({ kind: ['network-partition' as const], duration: Duration.minutes(10) })),
  blastRadius: z.strictObject({
    /** Namespaces the outage hits, a subset of spec.protection.namespaces; default: every name listed there. */
    namespaces: z.array(dnsName).min(1).optional(),
    maxPodsPercent: z.number().int().min(1).max(100).default(100),
  }).default({ maxPodsPercent: 100 }),
  abortWhen: z.strictObject({
    /** Consecutive failures of a check that stop the experiment; default: spec.trigger.failingChecks. */
    failingChecks: z.number().int().min(1).optional(),
    /** Names of spec.drills.smokeChecks to watch; default: all of them. */
    checks: z.array(dnsName).optional(),
    /** How long after the outage starts the checks begin to count; default: spec.objectives.rto. */
    after: durationSchema.optional(),
    interval: durationSchema.refine(atLeastOneSecond, 'must be at least 1s').default(Duration.seconds(10)),
  }).default(() => ({ interval: Duration.seconds(10) })),
});

const drillCadence = z.union([z.enum(['weekly', 'monthly', 'quarterly', 'yearly']), z.string().regex(/^(@\S+|(\S+\s+){4}\S+)$/, { message: 'expected weekly|monthly|quarterly|yearly or a 5-field cron' })]);

export const drillsSchema = z.strictObject({
  tabletop: drillCadence.default('quarterly'),
  component: drillCadence.default('weekly'),
  failover: drillCadence.default('quarterly'),
  /** Chaos experiments a failover drill injects on real clusters; absent: the drill uses the lab's faults. */
  chaos: drillChaosSchema.optional(),
  /** Smoke checks run after a restore: HTTP probes through the ingress. */
  smokeChecks: z.array(z.strictObject({
    name: dnsName, url: z.url().optional(), path: z.string().startsWith('/').optional(), expectStatus: z.number().int().default(200),
    /** The protected namespace the check exercises: a component drill of that namespace runs it against its scratch copy. */
    namespace: z.string().min(1).optional(),
  })).default([]),
});

export const planSpecSchema = z.strictObject({
  pattern: patternSchema,
  regions: z.array(regionSchema).min(2, { message: 'a DR plan needs at least two regions' }),
  objectives: objectivesSchema,
  protection: protectionSchema,
  backup: backupSchema.default({ mode: 'managed', schedules: [], storageLocations: [], volumeSnapshotLocations: [] }),
  traffic: trafficSchema,
  capacity: capacitySchema.default({ type: 'none' }),
  gitops: gitopsSchema.optional(),
  notifications: z.array(notificationSchema).default([]),
  trigger: triggerSchema.default(() => triggerSchema.parse({})),
  budgets: budgetsSchema.default(() => budgetsSchema.parse({})),
  drills: drillsSchema.default(() => drillsSchema.parse({})),
});

export const drPlanSchema = z.strictObject({
  apiVersion: z.literal('lifeboat.dev/v1alpha1', { error: 'expected "lifeboat.dev/v1alpha1"' }),
  kind: z.literal('DRPlan', { error: 'expected "DRPlan"' }),
  metadata: z.object({
    name: dnsName,
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: planSpecSchema,
}).superRefine((plan, ctx) => {
  // Cross-field rules (region roles, references, weights...) run once the fields themselves are valid.
  for (const issue of validatePlanSemantics(plan.spec)) {
    ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { at: issue.at ?? 'value' } });
  }
  for (const issue of chaosPlanIssues(plan.spec)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
});

export type DRPlan = z.output<typeof drPlanSchema>;
export type DRPlanInput = z.input<typeof drPlanSchema>;
export type PlanSpec = DRPlan['spec'];
export type Region = PlanSpec['regions'][number];
export type Pattern = z.output<typeof patternSchema>;
export type BackupSchedule = PlanSpec['backup']['schedules'][number];
export type StorageLocation = PlanSpec['backup']['storageLocations'][number];
export type Budgets = PlanSpec['budgets'];
export type Capacity = PlanSpec['capacity'];
export type Traffic = PlanSpec['traffic'];
export type DrillChaos = z.output<typeof drillChaosSchema>;
export type ChaosOutageKind = z.output<typeof chaosOutageKind>;

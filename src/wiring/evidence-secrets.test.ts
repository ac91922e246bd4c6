import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parsePlan } from '../core/plan/parse-plan.js';
import { PLANTED, SAMPLE_PLAN_YAML } from '../../test/fixtures/evidence/sample-run.js';
import { evidenceSecrets, kubeconfigSecrets } from './evidence-secrets.js';

function kubeconfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lifeboat-evsecrets-')), 'kubeconfig');
  writeFileSync(file, stringify({
    apiVersion: 'v1', kind: 'Config',
    users: [
      { name: 'velero', user: { token: PLANTED.kubeToken } },
      { name: 'admin', user: { 'client-key-data': 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t' } },
      { name: 'oidc', user: { 'auth-provider': { name: 'oidc', config: { 'id-token': 'oidc-id-token-123', 'refresh-token': 'oidc-refresh-456' } } } },
    ],
  }));
  return file;
}

describe('evidenceSecrets', () => {
  it('resolves the plan\'s DNS and notification secret references, S3 keys and the kubeconfig\'s credentials', () => {
    const plan = parsePlan(SAMPLE_PLAN_YAML, 'plan.yaml');
    const env = { PDNS_KEY: PLANTED.pdnsKey, SLACK_WEBHOOK_URL: PLANTED.slackWebhook, AWS_SECRET_ACCESS_KEY: 'aws-secret-key-789' };

    const sut = evidenceSecrets(plan, { env, kubeconfig: kubeconfig() });

    expect(sut.sort()).toEqual([PLANTED.pdnsKey, PLANTED.slackWebhook, PLANTED.kubeToken, 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t', 'aws-secret-key-789', 'oidc-id-token-123', 'oidc-refresh-456'].sort());
  });

  it('skips what it cannot read: unset variables, a missing kubeconfig', () => {
    const plan = parsePlan(SAMPLE_PLAN_YAML, 'plan.yaml');

    const sut = evidenceSecrets(plan, { env: {}, kubeconfig: '/nonexistent/kubeconfig' });

    expect(sut).toEqual([]);
    expect(kubeconfigSecrets('/nonexistent/kubeconfig')).toEqual([]);
  });
});

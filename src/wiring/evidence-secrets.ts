import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DRPlan } from '../core/plan/schema.js';
import { resolveSecretRef } from './secret-ref.js';

/** Fields of a kubeconfig user (and its auth-provider config) that hold credentials. */
const kubeconfigSecretFields = ['token', 'password', 'client-key-data', 'id-token', 'refresh-token', 'access-token', 'client-secret'];

/**
 * Secret values a run of this plan may have touched, to be removed from its evidence: the DNS
 * provider's credentials and each notification channel's secret (resolved from their references), S3
 * keys from the environment, and the tokens, passwords and client keys of the kubeconfig users.
 * Unresolvable references are skipped: what cannot be read cannot have leaked from here.
 */
export function evidenceSecrets(plan: DRPlan, options: { env?: NodeJS.ProcessEnv; kubeconfig?: string } = {}): string[] {
  const env = options.env ?? process.env;
  const refs = [plan.spec.traffic.credentials, ...plan.spec.notifications.map((n) => n.secret)].filter((r): r is string => r !== undefined);
  const values = [
    ...refs.map((ref) => tryResolve(ref, env)),
    env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN,
    ...kubeconfigFiles(plan, options.kubeconfig, env).flatMap(kubeconfigSecrets),
  ];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= 4))];
}

function tryResolve(ref: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    return resolveSecretRef(ref, 'secret', env);
  } catch {
    return undefined;
  }
}

function kubeconfigFiles(plan: DRPlan, given: string | undefined, env: NodeJS.ProcessEnv): string[] {
  if (given) return [given];
  const fromEnv = (env.KUBECONFIG ?? '').split(':').filter((f) => f !== '');
  const regions = plan.spec.regions.map((r) => r.kubeconfig).filter((f): f is string => f !== undefined);
  return [...new Set([...regions, ...(fromEnv.length > 0 ? fromEnv : [join(env.HOME ?? homedir(), '.kube', 'config')])])];
}

/** Credential values in a kubeconfig file's users; none when the file is missing or not YAML. */
export function kubeconfigSecrets(file: string): string[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const users = (doc as { users?: Array<{ user?: Record<string, unknown> }> } | null)?.users ?? [];
  return users.flatMap((u) => {
    const user = u.user ?? {};
    const provider = (user['auth-provider'] as { config?: Record<string, unknown> } | undefined)?.config ?? {};
    return [user, provider].flatMap((fields) => kubeconfigSecretFields.map((f) => fields[f]).filter((v): v is string => typeof v === 'string'));
  });
}

import { z } from 'zod';
import { Duration } from '../../core/objectives/duration.js';
import { parseLocated } from './parse-located.js';

const address = z.string().regex(/^(?:(\[[^\]]+\]|[^:\s]*):)?\d{1,5}$/, { message: 'expected an address like "127.0.0.1:7480" or ":7480"' });
const duration = z.string().transform((text, ctx) => {
  const d = Duration.tryParse(text);
  if (!d || d.isShorterThan(Duration.seconds(1))) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration of at least 1s like "5m"' });
    return z.NEVER;
  }
  return d;
});

/** `spec.scheduler`: what the server does on its own (only while it is the leader). */
export const schedulerConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** How often each plan's posture is re-evaluated (GET /v1/plans/{plan}/posture serves the latest). */
  postureInterval: duration.default(Duration.minutes(5)),
  /** Start drills that are due when a runner exists for their kind; false: only record them as due. */
  startDrills: z.boolean().default(true),
});

/**
 * `spec.store`: where runs, drills, the audit journal and the leadership live. Absent: SQLite in the
 * state directory, one replica. `postgres`: replicas share it and elect one leader (docs/ha.md).
 */
export const storeConfigSchema = z.strictObject({
  postgres: z.strictObject({
    /** A secret reference to the URL (it carries the password): env:NAME or file:/path. */
    url: z.string().regex(/^(env|file):./, { message: 'expected a secret reference like "env:LIFEBOAT_DATABASE_URL" or "file:/run/secrets/db-url"' }).default('env:LIFEBOAT_DATABASE_URL'),
    /** The schema Lifeboat's tables live in (the audit journal in `<schema>_audit`). */
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,56}$/, { message: 'expected a lower-case SQL name like "lifeboat"' }).default('lifeboat'),
    /** How long a leader leads without renewing; a dead leader's runs resume elsewhere after about this long plus 10s. */
    leaderTtl: duration.default(Duration.seconds(15)),
  }),
});

/**
 * `lifeboat serve --config FILE`: a Kubernetes-style document.
 *
 * @example
 * apiVersion: lifeboat.dev/v1alpha1
 * kind: ServerConfig
 * spec: { listen: 127.0.0.1:7480, plans: [/etc/lifeboat/plans], tokensFile: /etc/lifeboat/tokens.json }
 */
export const serverConfigSchema = z.strictObject({
  apiVersion: z.literal('lifeboat.dev/v1alpha1', { error: 'expected "lifeboat.dev/v1alpha1"' }),
  kind: z.literal('ServerConfig', { error: 'expected "ServerConfig"' }),
  metadata: z.strictObject({ name: z.string().optional() }).optional(),
  spec: z.strictObject({
    listen: address.default('127.0.0.1:7480'),
    /** A second address serving only GET /metrics without a token (for in-cluster scraping); absent: /metrics needs a viewer token. */
    metricsListen: address.optional(),
    /** Plan files and directories (every *.yaml / *.yml in them); reloaded on change and on SIGHUP. */
    plans: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((p) => (Array.isArray(p) ? p : [p])),
    /** JSON file of hashed tokens (`lifeboat serve token add`); absent: $LIFEBOAT_TOKENS must hold them. */
    tokensFile: z.string().min(1).optional(),
    /** Run journals, drills, evidence and the audit journal; default $LIFEBOAT_STATE_DIR or ~/.local/state/lifeboat. */
    stateDir: z.string().min(1).optional(),
    /** Kubeconfig for every region (default: each region's own, $KUBECONFIG, ~/.kube/config). */
    kubeconfig: z.string().min(1).optional(),
    scheduler: schedulerConfigSchema.default(() => schedulerConfigSchema.parse({})),
    /** Shared PostgreSQL for several replicas (HA); absent: SQLite in the state directory. */
    store: storeConfigSchema.optional(),
    /** Failed authentications allowed per client address per minute before 429. */
    authFailuresPerMinute: z.number().int().min(1).max(1000).default(10),
  }),
});

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type SchedulerConfig = ServerConfig['spec']['scheduler'];

/** Parses a server config file; InputError with `path: message (file:line:column)` per issue. */
export function parseServerConfig(text: string, source: string): ServerConfig {
  return parseLocated(serverConfigSchema, text, source);
}

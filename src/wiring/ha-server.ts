import { dirname, resolve } from 'node:path';
import { Duration } from '../core/objectives/duration.js';
import type { DRPlan } from '../core/plan/schema.js';
import type { FailoverPorts } from '../core/runbook/failover/failover-executor.js';
import { PostgresDrillHistory } from '../providers/store/postgres-drill-history.js';
import { PostgresJournalStore, type LeaderFence } from '../providers/store/postgres-journal-store.js';
import { PostgresLeaderLease } from '../providers/store/postgres-leader-lease.js';
import type { ServerConfig } from '../server/config/server-config.js';
import type { Logger } from '../server/logger.js';
import { PostgresLeader } from '../server/scheduler/postgres-leader.js';
import { auditStoreBeside, DATABASE_SCHEMA_ENV, DATABASE_URL_ENV, sharedDatabase } from './ha-store.js';
import { UnfinishedRunResumer, type RunbookResumer } from './ha-resume.js';
import { openJournal, type JournalWiring } from './journal.js';
import { resumeFailover } from './run-failover.js';
import { resolveSecretRef } from './secret-ref.js';
import { buildServer, serverPaths, type LifeboatServer, type ServerParts } from './server.js';
import { failoverStarter } from './server-runs.js';

export interface HaServerOptions {
  configFile: string;
  env: NodeJS.ProcessEnv;
  parts?: Partial<ServerParts>;
  /** Fake cluster ports for failovers and resumes (the HA test's replicas); default the plan's real providers. */
  ports?: (plan: DRPlan) => FailoverPorts;
}

/**
 * The environment the server opens its stores with: `spec.store.postgres`'s URL (a secret reference,
 * resolved here and never logged) and schema as $LIFEBOAT_DATABASE_URL and $LIFEBOAT_DATABASE_SCHEMA.
 */
export function haEnv(config: ServerConfig, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const pg = config.spec.store?.postgres;
  if (!pg) return env;
  return { ...env, [DATABASE_URL_ENV]: resolveSecretRef(pg.url, 'spec.store.postgres.url', env), [DATABASE_SCHEMA_ENV]: pg.schema };
}

/**
 * `lifeboat serve`: buildServer as it is with the state directory's SQLite (one replica). With a
 * shared PostgreSQL (`spec.store.postgres` or $LIFEBOAT_DATABASE_URL): runs, drills and the audit
 * journal there, a PostgresLeader among the replicas, runner writes fenced by its token, and while
 * leading the runs a dead leader left unfinished resumed from their journals (docs/ha.md).
 *
 * @example const server = buildHaServer(parseServerConfig(text, file), { configFile: file, env: process.env })
 */
export function buildHaServer(config: ServerConfig, o: HaServerOptions): LifeboatServer {
  const env = haEnv(config, o.env);
  const db = sharedDatabase(env);
  if (!db) return buildServer(config, { configFile: o.configFile, env, ...(o.parts ? { parts: o.parts } : {}) });
  const stateDir = config.spec.stateDir && resolve(dirname(resolve(o.configFile)), config.spec.stateDir);
  const journal = openJournal(stateDir ? { ...env, LIFEBOAT_STATE_DIR: stateDir } : env);
  const { kubeconfig } = serverPaths(config, o.configFile, journal.stateDir);
  const ttl = config.spec.store?.postgres.leaderTtl ?? Duration.seconds(15);
  const logger = lateLogger();
  const leader = new PostgresLeader({ lease: new PostgresLeaderLease(db), id: journal.holder, ttl, logger: logger.proxy });
  const connect = { env, ...(kubeconfig ? { kubeconfig } : {}), ...(o.ports ? { ports: o.ports } : {}) };
  const audit = auditStoreBeside(db, env);
  const server = buildServer(config, {
    configFile: o.configFile, env,
    parts: { leader, starter: (start) => failoverStarter({ journal: termJournal(journal, leader), ...connect })(start), ...o.parts },
    stores: { journal, audit, drills: new PostgresDrillHistory(db) },
  });
  logger.use(server.deps.logger);
  const resumer = new UnfinishedRunResumer({
    leader, store: journal.store as PostgresJournalStore, plans: server.deps.plans, runs: server.deps.runs, logger: server.deps.logger,
    resumer: failoverResumer({ journal: () => termJournal(journal, leader), actor: `server:${leader.id}`, ...connect }), every: Duration.milliseconds(ttl.toMilliseconds() / 3),
  });
  resumer.start();
  leader.start();
  return {
    ...server,
    close: async (c) => {
      resumer.stop();
      await server.close(c);
      await Promise.all([db.close(), audit.close()]);
    },
  };
}

/**
 * The journal one drive writes with: every plan-lease take, renewal and fenced append also needs the
 * leadership term the drive started in, still current here and in the database. A new term (another
 * replica's, or this one's own after a lapse) ends the drive; the resumer starts it again under the new one.
 */
function termJournal(journal: JournalWiring, leader: PostgresLeader): JournalWiring {
  if (!(journal.store instanceof PostgresJournalStore)) return journal;
  const term = leader.fence();
  const fence = (): LeaderFence | undefined => (term && leader.fence()?.token === term.token ? term : undefined);
  return { ...journal, store: journal.store.withLeaderFence(fence) };
}

/** Resumes a run with resumeFailover and the plan's providers (or `ports`), as `lifeboat run resume` does; `journal` is asked once per resume. */
export function failoverResumer(o: { journal: () => JournalWiring; actor: string; env: NodeJS.ProcessEnv; kubeconfig?: string; ports?: (plan: DRPlan) => FailoverPorts }): RunbookResumer {
  return ({ runId, plan }) => ({
    runId,
    drive: (signal) => resumeFailover({
      runId, plan: plan.plan, planText: plan.text, namespaces: plan.plan.spec.protection.namespaces.names, actor: o.actor, signal, journal: o.journal(), env: o.env,
      ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}), ...(o.ports ? { ports: o.ports(plan.plan) } : {}),
    }),
  });
}

/** A logger usable before the server (which builds the real one) exists. */
function lateLogger(): { proxy: Logger; use: (logger: Logger) => void } {
  let target: Logger | undefined;
  return {
    proxy: {
      info: (fields, message) => target?.info(fields, message),
      warn: (fields, message) => target?.warn(fields, message),
      error: (fields, message) => target?.error(fields, message),
    },
    use: (logger) => { target = logger; },
  };
}

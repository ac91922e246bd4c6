import { dirname, join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import { PostureMetrics } from '../cli/metrics/posture-metrics.js';
import type { DRPlan } from '../core/plan/schema.js';
import type { DrillHistory, DrillRecorder } from '../core/ports/drill-history.js';
import type { JournalStore } from '../core/ports/journal-store.js';
import type { PostureSources } from '../core/posture/gather-posture.js';
import { RunControl } from '../core/runbook/run-control.js';
import { SqliteJournalStore } from '../providers/store/sqlite-journal-store.js';
import { AlertIntake, type Pager } from '../server/alerts/alert-intake.js';
import { createApp, type LifeboatApp } from '../server/app.js';
import { AuditLog } from '../server/audit/audit-log.js';
import { FailureLimiter } from '../server/auth/failure-limiter.js';
import { TokenRegistry } from '../server/auth/token-registry.js';
import { readTokens } from '../server/auth/tokens-file.js';
import type { ServerConfig } from '../server/config/server-config.js';
import { EvidenceDir, type BundleVerdictView } from '../server/evidence/evidence-dir.js';
import type { Logger } from '../server/logger.js';
import { ServerMetrics } from '../server/metrics/server-metrics.js';
import { loadPlans } from '../server/plans/load-plans.js';
import { PlanCatalog } from '../server/plans/plan-catalog.js';
import { PostureCache } from '../server/posture/posture-cache.js';
import { RunActions } from '../server/runs/run-actions.js';
import { RunLauncher } from '../server/runs/run-launcher.js';
import type { DrillRunners, RunbookStarter } from '../server/runs/starters.js';
import { AlwaysLeader, type Leader } from '../server/scheduler/leader.js';
import { Scheduler } from '../server/scheduler/scheduler.js';
import type { ServerDeps } from '../server/server-deps.js';
import { openDrillHistory } from './drill-history.js';
import { evidenceSecrets } from './evidence-secrets.js';
import { openJournal, type JournalWiring } from './journal.js';
import { postureSources } from './posture-sources.js';
import { channelPager } from './server-pager.js';
import { drillRunners, failoverStarter } from './server-runs.js';
import { serverLogger } from './server-logger.js';
import { verifyEvidence } from './verify-evidence.js';

/** The parts that touch clusters and channels: tests replace them with fakes, HA replaces the leader. */
export interface ServerParts {
  postureSources: (plan: DRPlan) => PostureSources;
  starter: RunbookStarter;
  drillRunners: DrillRunners;
  pager: Pager;
  leader: Leader;
  logger: Logger;
  verifyEvidence: (dir: string) => BundleVerdictView;
}

/**
 * Where runs, the audit journal and drills are kept; default the state directory's SQLite files.
 * HA passes the PostgreSQL implementations (with the PostgresLeader as `parts.leader`).
 */
export interface ServerStores {
  journal: JournalWiring;
  audit: JournalStore;
  drills: DrillHistory & DrillRecorder;
}

export interface ServerPaths {
  plans: string[];
  tokensFile: string | undefined;
  stateDir: string;
  kubeconfig: string | undefined;
}

export interface LifeboatServer {
  deps: ServerDeps;
  app: LifeboatApp;
  paths: ServerPaths;
  journal: JournalWiring;
  /** Re-reads plans and tokens; a bad file keeps what is loaded and throws its InputError. */
  reload(): Promise<{ plans: number; tokens: number }>;
  /** Stops the scheduler and (with abortRuns) the runs this process drives. */
  close(o?: { abortRuns?: boolean }): Promise<void>;
}

const VERSION = '0.1.0';

/** Config paths resolved against the config file's directory; the state directory as openJournal chose it. */
export function serverPaths(config: ServerConfig, configFile: string, stateDir: string): ServerPaths {
  const base = dirname(resolve(configFile));
  const at = (p: string): string => resolve(base, p);
  const s = config.spec;
  return { plans: s.plans.map(at), tokensFile: s.tokensFile && at(s.tokensFile), stateDir, kubeconfig: s.kubeconfig && at(s.kubeconfig) };
}

/**
 * Builds `lifeboat serve`: plans, tokens, the journal and audit stores in the state directory,
 * posture from the real providers, runs through runFailover, the scheduler, the in-process leader.
 * `parts` replaces what touches the outside (tests pass fakes).
 *
 * @example const server = buildServer(parseServerConfig(text, file), { configFile: file, env: process.env })
 */
export function buildServer(config: ServerConfig, o: { configFile: string; env: NodeJS.ProcessEnv; parts?: Partial<ServerParts>; stores?: Partial<ServerStores> }): LifeboatServer {
  const stateDir = config.spec.stateDir && resolve(dirname(resolve(o.configFile)), config.spec.stateDir);
  const env = stateDir ? { ...o.env, LIFEBOAT_STATE_DIR: stateDir } : o.env;
  const journal = o.stores?.journal ?? openJournal(env);
  const paths = serverPaths(config, o.configFile, journal.stateDir);
  const plans = new PlanCatalog(loadPlans(paths.plans), journal.clock.now());
  const tokens = new TokenRegistry(readTokens(paths.tokensFile, env));
  const secrets = { values: secretsOf(plans, env, paths.kubeconfig) };
  const parts: ServerParts = { ...defaultParts({ journal, env, paths, secrets: () => secrets.values }), ...o.parts };
  const stores: ServerStores = {
    journal,
    audit: o.stores?.audit ?? SqliteJournalStore.fromConfig({ path: join(journal.stateDir, 'audit.sqlite3') }),
    drills: o.stores?.drills ?? openDrillHistory(env),
  };
  const deps = assemble(config, { stores, plans, tokens, parts, secrets: () => secrets.values });
  // async: a bad file must reject (the loaded set stays), never throw out of a SIGHUP handler
  // eslint-disable-next-line @typescript-eslint/require-await
  const reload = async (): Promise<{ plans: number; tokens: number }> => {
    const loaded = loadPlans(paths.plans);
    const stored = readTokens(paths.tokensFile, env);
    plans.replace(loaded, journal.clock.now());
    tokens.replace(stored);
    secrets.values = secretsOf(plans, env, paths.kubeconfig);
    deps.posture.retain(new Set(plans.names()));
    deps.metrics.plansLoaded.set(loaded.length);
    parts.logger.info({ plans: loaded.length, tokens: stored.length }, 'plans and tokens reloaded');
    return { plans: loaded.length, tokens: stored.length };
  };
  const app = createApp(deps, { reload });
  return {
    deps, app, paths, journal, reload,
    close: async (c = {}) => {
      deps.scheduler.stop();
      await deps.runs.stop({ abort: c.abortRuns ?? false });
      await parts.leader.close();
    },
  };
}

function defaultParts(c: { journal: JournalWiring; env: NodeJS.ProcessEnv; paths: ServerPaths; secrets: () => readonly string[] }): ServerParts {
  const kubeconfig = c.paths.kubeconfig ? { kubeconfig: c.paths.kubeconfig } : {};
  const logger = serverLogger(c.secrets);
  return {
    postureSources: (plan) => postureSources(plan, { env: c.env, ...kubeconfig }),
    starter: failoverStarter({ journal: c.journal, env: c.env, ...kubeconfig }),
    drillRunners: drillRunners({ journal: c.journal, env: c.env, ...kubeconfig }),
    pager: channelPager({ env: c.env, logger }),
    leader: new AlwaysLeader(c.journal.holder),
    logger,
    verifyEvidence: (dir) => verifyEvidence(dir),
  };
}

interface Assembly {
  stores: ServerStores;
  plans: PlanCatalog;
  tokens: TokenRegistry;
  parts: ServerParts;
  secrets: () => readonly string[];
}

/** The ServerDeps the routes use, from the loaded state and the parts. */
function assemble(config: ServerConfig, a: Assembly): ServerDeps {
  const { parts } = a;
  const { journal, drills: history } = a.stores;
  const s = config.spec;
  const registry = new Registry();
  const metrics = new ServerMetrics(registry);
  const postureMetrics = new PostureMetrics();
  const runs = new RunActions({
    store: journal.store, launcher: new RunLauncher({ store: journal.store, logger: parts.logger }), leader: parts.leader, drills: parts.drillRunners, starter: parts.starter,
    control: new RunControl({ store: journal.store, hasher: journal.hasher, clock: journal.clock, holder: `server-control:${journal.holder}` }),
    onStarted: (r) => { metrics.runsStarted.inc({ plan: r.plan, kind: r.kind }); parts.logger.info(r, 'run started'); },
  });
  const posture = new PostureCache({ sourcesFor: parts.postureSources, now: () => journal.clock.now(), onUpdate: (all, when) => postureMetrics.update(all, when) });
  const scheduler = new Scheduler({
    plans: a.plans, posture, drills: history, runners: parts.drillRunners, runs, leader: parts.leader, postureInterval: s.scheduler.postureInterval, startDrills: s.scheduler.startDrills,
    now: () => journal.clock.now(), logger: parts.logger,
    onPosture: (plan, result) => metrics.postureRefreshes.inc({ plan, result }),
    onDue: (due) => { metrics.drillsDue.reset(); for (const d of due) metrics.drillsDue.set({ plan: d.plan, kind: d.kind }, 1); },
  });
  metrics.plansLoaded.set(a.plans.list().length);
  parts.leader.onChange((leading) => metrics.leader.set(leading ? 1 : 0));
  return {
    plans: a.plans, tokens: a.tokens, posture, runs, scheduler, leader: parts.leader, metrics, logger: parts.logger, version: VERSION, secrets: a.secrets,
    registry: Registry.merge([registry, postureMetrics.registry]),
    journal: { store: journal.store, hasher: journal.hasher, clock: journal.clock },
    audit: new AuditLog({ store: a.stores.audit, hasher: journal.hasher, clock: journal.clock }),
    limiter: new FailureLimiter({ limit: s.authFailuresPerMinute, windowMs: 60_000 }),
    drills: { history, runners: parts.drillRunners },
    alerts: new AlertIntake({ plans: a.plans, runs, pager: parts.pager, now: () => journal.clock.now(), logger: parts.logger, onDecision: (plan, action) => metrics.alerts.inc({ plan, action }) }),
    evidence: new EvidenceDir({ root: join(journal.stateDir, 'evidence'), verify: parts.verifyEvidence }),
  };
}

/** Every secret value the loaded plans reference, for redaction: DNS keys, channel secrets, S3 keys, kubeconfig credentials. */
function secretsOf(plans: PlanCatalog, env: NodeJS.ProcessEnv, kubeconfig: string | undefined): string[] {
  return [...new Set(plans.list().flatMap((p) => evidenceSecrets(p.plan, { env, ...(kubeconfig ? { kubeconfig } : {}) })))];
}

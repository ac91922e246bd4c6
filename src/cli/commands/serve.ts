import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../../core/errors.js';
import { ROLES, roleSchema } from '../../server/auth/roles.js';
import { addToken } from '../../server/auth/tokens-file.js';
import { parseServerConfig } from '../../server/config/server-config.js';
import { dashboardFiles } from '../../server/dashboard-files.js';
import { listen, parseListen } from '../../server/listen.js';
import { watchPlans } from '../../server/plans/watch-plans.js';
import type { CliContext } from '../cli-context.js';
import { serveMetrics } from '../metrics/serve-metrics.js';
import { readInputFile } from '../read-input-file.js';

/**
 * `lifeboat serve --config FILE`: the HTTP API (docs/server.md) until SIGINT/SIGTERM; plans and tokens
 * reload on SIGHUP and when a plan file changes. `lifeboat serve token add` creates a token.
 */
export function serveCommand(ctx: CliContext): Command {
  const cmd = new Command('serve')
    .description('run the Lifeboat API server: plans, posture, runs, approvals, drills, evidence, Alertmanager alerts')
    .option('--config <file>', 'server config (YAML, kind ServerConfig); required to serve')
    .action(async (o: { config?: string }) => {
      if (!o.config) throw new InputError([{ path: '--config', message: 'name the server config file: lifeboat serve --config serve.yaml (docs/server.md)' }]);
      await serve(ctx, o.config);
    });
  cmd.addCommand(new Command('token').description('manage API tokens').addCommand(new Command('add')
    .description('create a token: printed once, only its SHA-256 is stored')
    .requiredOption('--name <name>', 'who or what holds it (the actor in journals)')
    .addOption(new Option('--role <role>', 'what it may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--tokens <file>', 'the tokens file (created 0600 when missing)')
    .action((o: { name: string; role: string; tokens: string }) => {
      const token = addToken(resolve(ctx.cwd, o.tokens), o.name, roleSchema.parse(o.role));
      ctx.stdout.write(`${token}\n`);
      ctx.stderr.write(`token "${o.name}" (${o.role}) added to ${o.tokens}: it is shown only now; store it in your secret manager\n`);
    })));
  return cmd;
}

/** web/dist at the repository root: this file sits three levels under it, in src/ (sources) or dist/ (built). */
const DEFAULT_DASHBOARD_DIR = join(import.meta.dirname, '..', '..', '..', 'web', 'dist');

async function serve(ctx: CliContext, file: string): Promise<void> {
  const config = parseServerConfig(await readInputFile(file, ctx.cwd), file);
  const { buildHaServer } = await import('../../wiring/ha-server.js');
  const server = buildHaServer(config, { configFile: resolve(ctx.cwd, file), env: ctx.env });
  const log = server.deps.logger;
  if (server.deps.tokens.size === 0) throw new InputError([{ path: 'spec.tokensFile', message: 'no API tokens: create one with `lifeboat serve token add --name NAME --role admin --tokens FILE`, or set $LIFEBOAT_TOKENS' }]);
  // The dashboard's built files answer before the API (Hono's middleware would rewrite their cache headers).
  const dashboard = dashboardFiles(ctx.env.LIFEBOAT_DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR);
  const api = await listen(async (req: Request) => (await dashboard(req)) ?? server.app.app.fetch(req), parseListen(config.spec.listen));
  const metrics = config.spec.metricsListen ? await serveMetrics(server.deps.registry, config.spec.metricsListen) : undefined;
  if (config.spec.scheduler.enabled) server.deps.scheduler.start();
  const reload = (): void => {
    server.reload().catch((e: unknown) => log.error({ err: e instanceof Error ? e.message : String(e) }, 'reload failed: the loaded plans and tokens stay in place'));
  };
  const stopWatching = watchPlans(server.paths.plans, reload);
  process.on('SIGHUP', reload);
  ctx.stderr.write(`lifeboat serve: ${api.url} (${server.deps.plans.list().length} plans, ${server.deps.tokens.size} tokens, state ${server.paths.stateDir})${metrics ? `, open /metrics at ${config.spec.metricsListen}` : ''}\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  stopWatching();
  process.off('SIGHUP', reload);
  await server.close();
  await Promise.all([api.close(), new Promise<void>((r) => (metrics ? metrics.close(() => r()) : r()))]);
}

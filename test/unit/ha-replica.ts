// One `lifeboat serve` replica for the HA test, as src/cli/commands/serve.ts runs it (buildHaServer,
// listen, SIGTERM), with fakes only for what touches clusters: failover ports from the shared world
// file (FileWorld), posture from in-memory inventories. Prints {"url","id","pid"} once listening and
// knowing who leads.
//   node --import tsx test/unit/ha-replica.ts CONFIG WORLD
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DRPlan } from '../../src/core/plan/schema.js';
import type { PostureSources } from '../../src/core/posture/gather-posture.js';
import { parseServerConfig } from '../../src/server/config/server-config.js';
import { listen, parseListen } from '../../src/server/listen.js';
import { FakeBackupCatalog } from '../../src/testing/fake-backup-catalog.js';
import { FakeKubernetesInventory } from '../../src/testing/fake-kubernetes-inventory.js';
import { aPrimaryCatalog, aPrimaryInventory, aStandbyInventory } from '../../src/testing/posture-fixtures.js';
import { buildHaServer } from '../../src/wiring/ha-server.js';
import { FileWorld } from './ha-world.js';

const [configArg, worldArg] = process.argv.slice(2);
const configFile = resolve(configArg ?? 'serve.yaml');
const world = new FileWorld(resolve(worldArg ?? 'world.json'));

function fakePosture(plan: DRPlan): PostureSources {
  const primary = plan.spec.regions[0]?.name;
  return {
    inventory: (region) => new FakeKubernetesInventory(region.name === primary ? aPrimaryInventory() : aStandbyInventory()),
    catalog: () => new FakeBackupCatalog(aPrimaryCatalog()),
    objectStore: () => undefined,
    traffic: () => undefined,
    drills: { drills: () => Promise.resolve([]) },
    now: () => new Date(),
  };
}

const config = parseServerConfig(readFileSync(configFile, 'utf8'), configFile);
const server = buildHaServer(config, {
  configFile, env: process.env, ports: (plan) => world.ports(plan),
  parts: { postureSources: fakePosture, pager: () => Promise.resolve() },
});
const api = await listen(server.app.app.fetch, parseListen(config.spec.listen));
// Ready once the first leadership claim has answered: the replica knows who leads.
while (!server.deps.leader.leaderId?.()) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`${JSON.stringify({ url: api.url, id: server.deps.leader.id, pid: process.pid })}\n`);
await new Promise<void>((done) => process.once('SIGTERM', () => done()));
await server.close();
await api.close();

// Child process for the journal store contract: takes a plan's lease in a SQLite file, prints it, and
// stays alive holding it (no renewal) until killed.
import { Duration } from '../../../src/core/objectives/duration.js';
import { SqliteJournalStore } from '../../../src/providers/store/sqlite-journal-store.js';

const [path, plan, holder, ttlMs] = process.argv.slice(2);
const store = SqliteJournalStore.fromConfig({ path: path! });
const lease = await store.acquireLease({ plan: plan!, holder: holder!, ttl: Duration.milliseconds(Number(ttlMs)) });
process.stdout.write(`${JSON.stringify(lease)}\n`);
setInterval(() => undefined, 60_000);

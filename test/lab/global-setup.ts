import { Lab } from '../../src/lab/lab.js';

/**
 * Brings the lab up before the lab tests (building it on a fresh machine) and, in CI, takes it down after.
 * A lab that cannot come up fails the run: lab tests are never skipped.
 */
export async function setup(): Promise<() => Promise<void>> {
  const lab = new Lab((m) => process.stderr.write(`[lab] ${m}\n`));
  const before = await lab.status();
  const status = await lab.up();
  if (!status.healthy) throw new Error(`lab is not healthy after up:\n${JSON.stringify(status, null, 2)}`);
  return async () => {
    if (process.env.CI === 'true' && !before.healthy) await lab.down();
  };
}

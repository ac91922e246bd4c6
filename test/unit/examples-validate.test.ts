import { describe, expect, it } from 'vitest';
import { exampleFiles } from '../support/example-plans.js';
import { runCli } from '../support/run-cli.js';

// Each test starts the real CLI as a process: seconds each on a busy machine.
describe('examples/', { timeout: 60_000 }, () => {
  it('holds the four documented example plans', () => {
    expect(exampleFiles()).toEqual(['active-active.yaml', 'active-passive.yaml', 'lab.yaml', 'pilot-light.yaml']);
  });

  it.each(exampleFiles())('examples/%s passes `lifeboat plan validate` with exit 0', async (file) => {
    const result = await runCli(['plan', 'validate', `examples/${file}`]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

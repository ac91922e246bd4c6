import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/core/plan/parse-plan.js';
import type { DRPlan } from '../../src/core/plan/schema.js';

/** The repository's examples/ directory. */
export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');

/** Every example plan file name, e.g. `active-passive.yaml`. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort();
}

/** Parses one example plan the way the CLI does. */
export function loadExample(file: string): DRPlan {
  return parsePlan(readFileSync(join(EXAMPLES_DIR, file), 'utf8'), `examples/${file}`);
}

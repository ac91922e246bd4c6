import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type InputIssue } from '../../core/errors.js';
import { parsePlans } from '../../core/plan/parse-plan.js';
import type { LoadedPlan } from './plan-catalog.js';

/** The plan files behind the configured paths: files as given, directories' *.yaml and *.yml (not recursive). */
export function planFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new InputError([{ path: 'spec.plans', message: `no such file or directory: ${path}` }]);
    }
    if (!isDir) return [path];
    return readdirSync(path).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.')).sort().map((f) => join(path, f));
  });
}

/**
 * Reads and parses every plan under `paths`. All files are checked before failing, so one error
 * report names every bad file (file:line:column) and every plan name used twice.
 *
 * @example loadPlans(['/etc/lifeboat/plans']).map((p) => p.plan.metadata.name) // ['payments', 'shop']
 */
export function loadPlans(paths: readonly string[]): LoadedPlan[] {
  const loaded: LoadedPlan[] = [];
  const issues: InputIssue[] = [];
  for (const file of planFiles(paths)) {
    try {
      const text = readFileSync(file, 'utf8');
      loaded.push(...parsePlans(text, file).map((plan) => ({ file, text, plan })));
    } catch (error) {
      if (!(error instanceof InputError)) throw new InputError([{ path: 'spec.plans', message: `cannot read ${file}` }], { cause: error });
      issues.push(...error.issues);
    }
  }
  const seen = new Map<string, string>();
  for (const p of loaded) {
    const name = p.plan.metadata.name;
    const first = seen.get(name);
    if (first) issues.push({ path: 'metadata.name', message: `plan "${name}" is defined twice (also in ${first})`, location: p.file });
    seen.set(name, p.file);
  }
  if (issues.length > 0) throw new InputError(issues);
  return loaded;
}

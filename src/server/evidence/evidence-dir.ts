import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';

/** What the server reads from a bundle's manifest.json to list it (the verifier checks the rest). */
const manifestSummarySchema = z.looseObject({
  runId: z.string(),
  createdAt: z.string(),
  files: z.record(z.string(), z.string()),
  keyFingerprint: z.string().optional(),
});

export interface BundleSummary {
  runId: string;
  createdAt: string;
  files: string[];
  keyFingerprint: string | undefined;
}

/** A verifier's verdict on a bundle directory (src/wiring/verify-evidence.ts). */
export interface BundleVerdictView {
  ok: boolean;
  runId: string | undefined;
  keyFingerprint: string | undefined;
  trusted: boolean;
  problems: Array<{ file: string; reason: string }>;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * The evidence bundles under `<state dir>/evidence/<run id>/`. Only a bundle's own files can be
 * downloaded: the names its manifest lists (and manifest.json), never a path.
 */
export class EvidenceDir {
  constructor(private readonly o: { root: string; verify: (dir: string) => BundleVerdictView }) {}

  list(): BundleSummary[] {
    if (!existsSync(this.o.root)) return [];
    return readdirSync(this.o.root).filter((name) => RUN_ID.test(name)).flatMap((name) => {
      const summary = this.summary(name);
      return summary ? [summary] : [];
    }).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The path of one file of a run's bundle; NotFoundError for any name its manifest does not list. */
  file(runId: string, name: string): { path: string; size: number } {
    const summary = this.bundle(runId);
    const plain = !/[/\\]/.test(name) && !name.startsWith('.');
    if (!plain || (name !== 'manifest.json' && !summary.files.includes(name))) {
      throw new NotFoundError(`the evidence bundle of run ${runId} has no file "${name}" (files: ${['manifest.json', ...summary.files].join(', ')})`);
    }
    const path = join(this.o.root, runId, name);
    try {
      return { path, size: statSync(path).size };
    } catch {
      throw new NotFoundError(`the evidence bundle of run ${runId} lists ${name} but the file is missing: verify the bundle`);
    }
  }

  verify(runId: string): BundleVerdictView {
    this.bundle(runId);
    return this.o.verify(join(this.o.root, runId));
  }

  private bundle(runId: string): BundleSummary {
    const summary = RUN_ID.test(runId) ? this.summary(runId) : undefined;
    if (!summary) throw new NotFoundError(`no evidence bundle for run ${runId}`);
    return summary;
  }

  private summary(name: string): BundleSummary | undefined {
    try {
      const manifest = manifestSummarySchema.parse(JSON.parse(readFileSync(join(this.o.root, name, 'manifest.json'), 'utf8')));
      return { runId: manifest.runId, createdAt: manifest.createdAt, files: Object.keys(manifest.files).sort(), keyFingerprint: manifest.keyFingerprint };
    } catch {
      return undefined;
    }
  }
}

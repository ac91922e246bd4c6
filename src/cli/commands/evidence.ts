import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { evidenceKinds, type EvidenceKind } from '../../core/evidence/evidence-report.js';
import { InputError } from '../../core/errors.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { evidenceKeyFile, evidenceSigner, readTrustedKey } from '../../wiring/evidence-key.js';
import { verifyEvidence, writeEvidenceBundle } from '../../wiring/evidence.js';
import { runEvidence } from '../../wiring/run-evidence.js';
import type { BundleVerdict } from '../../wiring/verify-evidence.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../output/format-table.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { palette, type Palette } from '../output/palette.js';
import type { GlobalOptions } from '../program.js';
import { readInputFile } from '../read-input-file.js';

/** `lifeboat evidence verify|render|key`: signed evidence bundles of drills, failovers and failbacks. */
export function evidenceCommand(ctx: CliContext): Command {
  const cmd = new Command('evidence').description('signed evidence of drills, failovers and failbacks: render a bundle, verify one');
  cmd.command('verify').argument('<path>', 'the bundle directory, or any file in it')
    .option('--key <file>', 'the public key the bundle must be signed by (pins who signed it)')
    .addOption(outputOption())
    .description('check a bundle\'s signature, every file\'s SHA-256 and the journal\'s hash chain (exit 1 naming each problem)')
    .action((path: string, o: { key?: string; output: OutputFormat }) => {
      const verdict = verifyEvidence(resolve(ctx.cwd, path), o.key === undefined ? {} : { trustedKey: readTrustedKey(resolve(ctx.cwd, o.key)) });
      ctx.stdout.write(formatOutput(o.output, verdict, () => formatVerdict(verdict, o.key !== undefined, palette(ctx.stdout, ctx.env))));
      if (!verdict.ok) ctx.status.exitCode = ExitCode.findings;
    });
  cmd.command('render').requiredOption('--run <id>', 'the run, as `lifeboat run list` shows it').requiredOption('--plan <file>', 'the plan file the run started with (its hash is checked)')
    .requiredOption('--out <dir>', 'directory for the bundle (created; must hold no other files)')
    .addOption(new Option('--kind <kind>', 'what the run was (default: from the run)').choices([...evidenceKinds]))
    .option('--outage-at <time>', 'when the outage began (ISO 8601), if known better than the journal knows it')
    .option('--no-pdf', 'leave report.pdf out (no Chromium needed)')
    .description('write a signed evidence bundle (JSON, Markdown, HTML, PDF, JUnit, journal, manifest) for a journaled run')
    .action(async (o: { run: string; plan: string; out: string; kind?: EvidenceKind; outageAt?: string; pdf: boolean }, sub: Command) => {
      const planText = await readInputFile(o.plan, ctx.cwd);
      const report = await runEvidence({
        runId: o.run, plan: parsePlan(planText, o.plan), planText, kind: o.kind, outageAt: instantOf(o.outageAt),
        kubeconfig: sub.optsWithGlobals<GlobalOptions>().kubeconfig, env: ctx.env,
      });
      const written = await writeEvidenceBundle(report, resolve(ctx.cwd, o.out), { env: ctx.env, ...(o.pdf ? {} : { pdf: false }) });
      ctx.stdout.write(`${report.kind} ${report.runId}: ${report.outcome}\nwrote ${written.files.join(', ')} to ${written.dir}\nsigned by ${written.manifest.keyFingerprint}\n`);
    });
  cmd.command('key').addOption(outputOption())
    .description('print the public key that signs this machine\'s evidence (give it to auditors for `verify --key`)')
    .action((o: { output: OutputFormat }) => {
      const signer = evidenceSigner(ctx.env);
      const data = { keyFile: evidenceKeyFile(ctx.env).file, fingerprint: signer.keyFingerprint, publicKey: signer.publicKey };
      ctx.stdout.write(formatOutput(o.output, data, () => `# ${data.fingerprint} (private key: ${data.keyFile})\n${data.publicKey}`));
    });
  return cmd;
}

function instantOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new InputError([{ path: '--outage-at', message: `expected an ISO 8601 time like 2026-11-25T02:45:54Z, got "${text}"` }]);
  return at;
}

function formatVerdict(v: BundleVerdict, pinned: boolean, style: Palette): string {
  const signer = v.keyFingerprint === undefined ? 'unknown' : `${v.keyFingerprint}${v.trusted ? ' (the trusted key)' : pinned ? '' : ' (not pinned: pass --key to prove who signed)'}`;
  const head = [`bundle: ${v.bundle}`, `run: ${v.runId ?? 'unknown'}`, `signed by: ${signer}`];
  if (v.ok) return `${[...head, style.green('VALID: signature, file hashes and journal hash chain check out')].join('\n')}\n`;
  const table = formatTable(['FILE', 'PROBLEM'], v.problems.map((p) => [p.file, p.reason]));
  return `${[...head, style.red(`INVALID: ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}`), '', table].join('\n')}\n`;
}

import { Duration } from '../objectives/duration.js';
import type { EvidenceCheck, EvidencePhase, EvidenceReport } from './evidence-report.js';

interface Case {
  name: string;
  classname: string;
  seconds: number | undefined;
  failure?: { type: string; message: string };
  skipped?: string;
}

/**
 * JUnit XML for CI: one testsuite per report, one testcase per phase and per check. Failed and
 * over-budget phases and failed checks are `<failure>`s (so a pipeline can gate on a drill), phases the
 * run skipped or never reached are `<skipped>`. All text is XML-escaped.
 *
 * @example writeFileSync('report.junit.xml', renderJunit(report))
 */
export function renderJunit(reports: EvidenceReport | readonly EvidenceReport[]): string {
  const list: readonly EvidenceReport[] = Array.isArray(reports) ? reports : [reports as EvidenceReport];
  const suites = list.map((r) => ({ report: r, cases: casesOf(r) }));
  const all = suites.flatMap((s) => s.cases);
  const totals = `tests="${all.length}" failures="${all.filter((c) => c.failure).length}" errors="0" skipped="${all.filter((c) => c.skipped).length}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lifeboat evidence" ${totals}>`,
    ...suites.map((s) => suiteXml(s.report, s.cases)),
    '</testsuites>',
    '',
  ].join('\n');
}

function casesOf(report: EvidenceReport): Case[] {
  const base = `lifeboat.${report.kind}.${report.plan.name}`;
  return [...report.phases.map((p) => phaseCase(p, `${base}.phases`)), ...report.checks.map((c) => checkCase(c, `${base}.checks`))];
}

function phaseCase(p: EvidencePhase, classname: string): Case {
  const c: Case = { name: `phase ${p.name}`, classname, seconds: p.elapsed === undefined ? undefined : Duration.parse(p.elapsed).toSeconds() };
  const took = `took ${p.elapsed ?? 'an unknown time'} of a ${p.budget} budget`;
  if (p.status === 'failed') c.failure = { type: 'failed', message: `phase ${p.name} failed (${took})` };
  if (p.status === 'over-budget') c.failure = { type: 'over-budget', message: `phase ${p.name} ${took}: over budget` };
  if (p.status === 'skipped' || p.status === 'not-run') c.skipped = p.status === 'skipped' ? 'not needed by this run' : 'the run ended before this phase ran (in full)';
  return c;
}

function checkCase(check: EvidenceCheck, classname: string): Case {
  return { name: check.name, classname, seconds: undefined, ...(check.passed ? {} : { failure: { type: 'check-failed', message: check.detail } }) };
}

function suiteXml(report: EvidenceReport, cases: readonly Case[]): string {
  const seconds = Math.max(0, (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000);
  const head = `  <testsuite name="${attr(`${report.kind} ${report.plan.name} ${report.runId}`)}" tests="${cases.length}" failures="${cases.filter((c) => c.failure).length}" errors="0" skipped="${cases.filter((c) => c.skipped).length}" timestamp="${attr(report.startedAt)}" time="${seconds.toFixed(3)}">`;
  return [head, propertiesXml(report), ...cases.map(caseXml), '  </testsuite>'].join('\n');
}

function propertiesXml(report: EvidenceReport): string {
  const props: Array<[string, string | undefined]> = [
    ['runId', report.runId], ['plan', report.plan.name], ['planHash', report.plan.hash], ['outcome', report.outcome],
    ['rtoObjective', report.objectives.rto], ['rpoObjective', report.objectives.rpo], ['rto', report.measured.rto], ['rpo', report.measured.rpo],
    ['journalHead', report.journal.at(-1)?.hash],
  ];
  const lines = props.filter((p): p is [string, string] => p[1] !== undefined).map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`);
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}

function caseXml(c: Case): string {
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}"${c.seconds === undefined ? '' : ` time="${c.seconds.toFixed(3)}"`}`;
  if (c.failure) return `${open}>\n      <failure type="${attr(c.failure.type)}" message="${attr(c.failure.message)}">${text(c.failure.message)}</failure>\n    </testcase>`;
  if (c.skipped) return `${open}>\n      <skipped message="${attr(c.skipped)}"/>\n    </testcase>`;
  return `${open}/>`;
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF). */
const notXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(s: string): string {
  return s.replace(notXml, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

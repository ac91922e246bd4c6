import { createInterface } from 'node:readline/promises';
import { InputError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import type { Pattern, Traffic } from '../../core/plan/schema.js';
import type { CliContext } from '../cli-context.js';

/** What `plan init` needs to know to write a starter plan. */
export interface StarterAnswers {
  pattern: Pattern;
  name: string;
  primaryContext: string;
  standbyContext: string;
  rto: Duration;
  rpo: Duration;
  namespaces: string[];
  dnsProvider: Traffic['provider'];
  zone: string;
  record: string;
}

/** `plan init`'s flags, as commander hands them over (all optional strings). */
export type StarterFlags = Partial<Record<keyof StarterAnswers, string>>;

const PATTERNS: readonly Pattern[] = ['active-passive', 'active-active', 'pilot-light'];
const PROVIDERS: readonly Traffic['provider'][] = ['powerdns', 'route53', 'cloudflare', 'none'];
const OBJECTIVES: Record<Pattern, { rto: string; rpo: string }> = {
  'active-passive': { rto: '30m', rpo: '1h' },
  'active-active': { rto: '1m', rpo: '15m' },
  'pilot-light': { rto: '15m', rpo: '15m' },
};

const QUESTIONS: ReadonlyArray<[keyof StarterAnswers, string]> = [
  ['pattern', `DR pattern (${PATTERNS.join(', ')})`], ['name', 'Plan name'], ['primaryContext', 'Primary region kubeconfig context'],
  ['standbyContext', 'Standby region kubeconfig context'], ['rto', 'RTO objective'], ['rpo', 'RPO objective'],
  ['namespaces', 'Namespaces to protect (comma-separated)'], ['dnsProvider', `DNS provider (${PROVIDERS.join(', ')})`],
  ['zone', 'DNS zone'], ['record', 'DNS record that fails over'],
];

/**
 * Fills in every answer: flags first, then a prompt (on stderr, so stdout stays the plan) when stdin is
 * a terminal, else a default that suits the pattern. Invalid answers are bad input naming the flag.
 */
export async function collectAnswers(flags: StarterFlags, ctx: CliContext): Promise<StarterAnswers> {
  const values: StarterFlags = { ...flags };
  const ask = ctx.stdin.isTTY === true ? prompter(ctx) : undefined;
  try {
    for (const [key, question] of QUESTIONS) {
      const fallback = defaultFor(key, values);
      if (values[key] !== undefined) continue;
      const answer = ask ? await ask.question(`${question} [${fallback}]: `) : '';
      values[key] = answer || fallback;
    }
  } finally {
    ask?.close();
  }
  return toAnswers(values);
}

/**
 * Asks on stderr and reads answers line by line. Lines are read through readline's async iterator,
 * which buffers them: `rl.question()` drops lines typed (or pasted) before the question is asked.
 */
function prompter(ctx: CliContext): { question: (text: string) => Promise<string>; close: () => void } {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    question: async (text) => {
      ctx.stderr.write(text);
      const next = await lines.next();
      return next.done === true ? '' : String(next.value).trim();
    },
    close: () => rl.close(),
  };
}

function defaultFor(key: keyof StarterAnswers, v: StarterFlags): string {
  const pattern = (v.pattern ?? 'active-passive') as Pattern;
  const name = v.name ?? 'platform';
  const zone = v.zone ?? 'example.com.';
  const defaults: Record<keyof StarterAnswers, string> = {
    pattern, name, primaryContext: `${name}-primary`, standbyContext: `${name}-standby`,
    rto: OBJECTIVES[pattern]?.rto ?? '30m', rpo: OBJECTIVES[pattern]?.rpo ?? '1h',
    namespaces: 'production', dnsProvider: 'powerdns', zone, record: `app.${zone}`,
  };
  return defaults[key];
}

function toAnswers(v: StarterFlags): StarterAnswers {
  return {
    pattern: oneOf('--pattern', v.pattern, PATTERNS),
    name: v.name ?? '',
    primaryContext: v.primaryContext ?? '',
    standbyContext: v.standbyContext ?? '',
    rto: duration('--rto', v.rto),
    rpo: duration('--rpo', v.rpo),
    namespaces: (v.namespaces ?? '').split(',').map((n) => n.trim()).filter((n) => n.length > 0),
    dnsProvider: oneOf('--dns-provider', v.dnsProvider, PROVIDERS),
    zone: fqdn(v.zone ?? ''),
    record: fqdn(v.record ?? ''),
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  throw new InputError([{ path: flag, message: `expected one of ${allowed.join(', ')}, got "${value ?? ''}"` }]);
}

function duration(flag: string, value: string | undefined): Duration {
  const d = Duration.tryParse(value ?? '');
  if (!d) throw new InputError([{ path: flag, message: `expected a duration like "15m" or "1h", got "${value ?? ''}"` }]);
  return d;
}

const fqdn = (name: string): string => (name === '' || name.endsWith('.') ? name : `${name}.`);

import { z } from 'zod';
import { jsonSchema } from './json.js';
import { runbookJsonSchema } from './runbook-json.js';

/**
 * The journal of a run: the only durable state of the engine. Entries are a union tagged by `kind`;
 * every entry carries `seq` (1, 2, 3, ... per run), `at` (ISO time), and the hash chain fields.
 * The same entries feed the CLI, the server's event stream and the reports (see `formatEntry`).
 */
const payloads = {
  'run-started': { runId: z.string(), plan: z.string(), planHash: z.string(), runbook: runbookJsonSchema, actor: z.string() },
  'run-resumed': { actor: z.string() },
  'step-started': { step: z.string(), attempt: z.number().int().positive() },
  'step-succeeded': { step: z.string(), attempt: z.number().int().positive(), output: jsonSchema },
  'step-failed': { step: z.string(), attempt: z.number().int().positive(), error: z.string(), retryable: z.boolean() },
  'step-timed-out': { step: z.string(), attempt: z.number().int().positive(), budgetMs: z.number() },
  'step-retry-scheduled': { step: z.string(), attempt: z.number().int().positive(), delayMs: z.number(), until: z.string() },
  'gate-waiting': { gate: z.string(), approvals: z.number().int() },
  'gate-approved': { gate: z.string(), approver: z.string(), reason: z.string().optional() },
  'gate-rejected': { gate: z.string(), approver: z.string(), reason: z.string() },
  'compensation-started': { step: z.string(), action: z.string() },
  'compensation-succeeded': { step: z.string(), action: z.string() },
  'compensation-failed': { step: z.string(), action: z.string(), error: z.string() },
  'abort-requested': { actor: z.string(), reason: z.string() },
  'notification-started': { event: z.string(), gate: z.string().optional(), channels: z.array(z.string()) },
  'notification-ended': { event: z.string(), gate: z.string().optional(), delivered: z.array(z.string()), failed: z.array(z.object({ channel: z.string(), error: z.string() })) },
  'run-succeeded': {},
  'run-failed': { step: z.string(), nextAction: z.string() },
  'run-aborted': { actor: z.string(), reason: z.string() },
} as const;

const envelope = { seq: z.number().int().positive(), at: z.iso.datetime(), prevHash: z.string(), hash: z.string() };

// eslint-disable-next-line @typescript-eslint/explicit-function-return-type -- the union below infers each member's zod type from here
function entry<K extends keyof typeof payloads>(kind: K) {
  return z.object({ ...envelope, kind: z.literal(kind), ...payloads[kind] });
}

/** Validates one stored journal entry (used when reading from a store). */
export const journalEntrySchema = z.discriminatedUnion('kind', [
  entry('run-started'), entry('run-resumed'), entry('step-started'), entry('step-succeeded'), entry('step-failed'),
  entry('step-timed-out'), entry('step-retry-scheduled'), entry('gate-waiting'), entry('gate-approved'),
  entry('gate-rejected'), entry('compensation-started'), entry('compensation-succeeded'),
  entry('compensation-failed'), entry('abort-requested'), entry('notification-started'), entry('notification-ended'),
  entry('run-succeeded'), entry('run-failed'), entry('run-aborted'),
]);

export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type EntryKind = JournalEntry['kind'];
export type EntryOf<K extends EntryKind> = Extract<JournalEntry, { kind: K }>;

type Envelope = 'seq' | 'at' | 'prevHash' | 'hash';
type DraftOf<E> = E extends JournalEntry ? Omit<E, Envelope> : never;
/** An entry before it is sealed into the chain: the writer adds `seq`, `at`, `prevHash` and `hash`. */
export type EntryDraft = DraftOf<JournalEntry>;

/** The kinds that end a run; nothing may follow them. */
export const terminalKinds = ['run-succeeded', 'run-failed', 'run-aborted'] as const;
export type TerminalKind = (typeof terminalKinds)[number];

/** True for run-succeeded, run-failed and run-aborted. */
export function isTerminalKind(kind: EntryKind): kind is TerminalKind {
  return (terminalKinds as readonly string[]).includes(kind);
}

/** The terminal entry of a journal, if the run has ended. */
export function terminalEntryOf(entries: readonly JournalEntry[]): EntryOf<TerminalKind> | undefined {
  return entries.find((e): e is EntryOf<TerminalKind> => isTerminalKind(e.kind));
}

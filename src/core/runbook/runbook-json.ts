import { z } from 'zod';
import { Duration } from '../objectives/duration.js';
import { type Json, jsonSchema } from './json.js';
import { defineRunbook, type RunbookNode } from './runbook.js';

/**
 * A runbook as plain JSON, as the journal's run-started entry stores it: durations are strings
 * (`90s`, `1500ms`) that round-trip exactly. The journal carries the runbook so a resume needs nothing else.
 */
export type RunbookJson =
  | {
      kind: 'step'; id: string; title: string; phase: string; budget: string;
      retry: { maxAttempts: number; initialDelay: string; maxDelay: string; factor: number };
      compensate?: string | undefined; input?: Json | undefined;
    }
  | { kind: 'sequence' | 'parallel'; id: string; children: RunbookJson[] }
  | { kind: 'gate'; id: string; title: string; phase: string; approvals: number; budget: string };

const durationText = z.string().refine((s) => Duration.tryParse(s) !== undefined, 'expected a duration like "90s"');

/** Validates a RunbookJson value (shape only; ids are checked by `fromRunbookJson`). */
export const runbookJsonSchema: z.ZodType<RunbookJson> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('step'), id: z.string(), title: z.string(), phase: z.string(), budget: durationText,
      retry: z.object({ maxAttempts: z.number(), initialDelay: durationText, maxDelay: durationText, factor: z.number() }),
      compensate: z.string().optional(), input: jsonSchema.optional(),
    }),
    z.object({ kind: z.enum(['sequence', 'parallel']), id: z.string(), children: z.array(runbookJsonSchema) }),
    z.object({
      kind: z.literal('gate'), id: z.string(), title: z.string(), phase: z.string(),
      approvals: z.number(), budget: durationText,
    }),
  ]),
);

/** Writes a duration so that `Duration.parse` gives it back exactly. */
function durationToText(d: Duration): string {
  const short = d.toString();
  return Duration.parse(short).equals(d) ? short : `${d.toMilliseconds()}ms`;
}

/** The JSON form of a runbook, for the journal. */
export function toRunbookJson(node: RunbookNode): RunbookJson {
  switch (node.kind) {
    case 'step': {
      const { retry } = node;
      return {
        kind: 'step', id: node.id, title: node.title, phase: node.phase, budget: durationToText(node.budget),
        retry: {
          maxAttempts: retry.maxAttempts, initialDelay: durationToText(retry.initialDelay),
          maxDelay: durationToText(retry.maxDelay), factor: retry.factor,
        },
        ...(node.compensate === undefined ? {} : { compensate: node.compensate }),
        ...(node.input === undefined ? {} : { input: node.input }),
      };
    }
    case 'gate':
      return { ...node, budget: durationToText(node.budget) };
    default:
      return { kind: node.kind, id: node.id, children: node.children.map(toRunbookJson) };
  }
}

/** Reads a runbook back from its JSON form and validates it (throws InputError). */
export function fromRunbookJson(json: RunbookJson): RunbookNode {
  return defineRunbook(decode(json));
}

function decode(json: RunbookJson): RunbookNode {
  switch (json.kind) {
    case 'step': {
      const { retry } = json;
      return {
        ...json,
        budget: Duration.parse(json.budget),
        retry: { ...retry, initialDelay: Duration.parse(retry.initialDelay), maxDelay: Duration.parse(retry.maxDelay) },
      };
    }
    case 'gate':
      return { ...json, budget: Duration.parse(json.budget) };
    default:
      return { kind: json.kind, id: json.id, children: json.children.map(decode) };
  }
}

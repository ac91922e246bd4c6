import { z } from 'zod';
import { Duration } from '../objectives/duration.js';
import { journalEntrySchema } from '../runbook/journal-entry.js';

/** The `schema` every evidence report carries; a breaking change to the shape gets a new version. */
export const EVIDENCE_SCHEMA = 'lifeboat.dev/evidence/v1';

/** What kind of exercise (or real event) a report is evidence of. */
export const evidenceKinds = ['failover-drill', 'component-drill', 'tabletop', 'failover', 'failback'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** How a phase went: ok, over budget, failed, skipped (run succeeded without it) or not run (run ended first). */
export const phaseStatuses = ['ok', 'over-budget', 'failed', 'skipped', 'not-run'] as const;
export type PhaseStatus = (typeof phaseStatuses)[number];

/** A duration as people write it ("15m", "1h30m", "250ms"). */
const durationText = z.string().refine((s) => Duration.tryParse(s) !== undefined, 'expected a duration like "15m"');
const instant = z.iso.datetime();

const phaseSchema = z.object({
  name: z.string(),
  budget: durationText,
  elapsed: durationText.optional(),
  startedAt: instant.optional(),
  status: z.enum(phaseStatuses),
});

const tableSchema = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});

/**
 * Evidence of one run (a drill, a tabletop exercise, a real failover or failback), built from its
 * hash-chained journal by `evidenceFromRun` and rendered as JSON, Markdown, HTML, PDF and JUnit XML.
 * Durations are strings ("15m"), instants ISO 8601. Every string has been through redaction.
 */
export const evidenceReportSchema = z.object({
  schema: z.literal(EVIDENCE_SCHEMA),
  kind: z.enum(evidenceKinds),
  title: z.string(),
  plan: z.object({ name: z.string(), hash: z.string() }),
  runId: z.string(),
  startedAt: instant,
  finishedAt: instant,
  outcome: z.enum(['succeeded', 'failed', 'aborted']),
  failure: z.object({ step: z.string(), reason: z.string(), nextAction: z.string() }).optional(),
  objectives: z.object({ rto: durationText, rpo: durationText }),
  measured: z.object({
    /** When the outage began (injected in drills, confirmed in real failovers): the origin of RTO and RPO. */
    outageAt: instant.optional(),
    /** When traffic was verified on the new primary. */
    recoveredAt: instant.optional(),
    detection: durationText.optional(),
    rto: durationText.optional(),
    rpo: durationText.optional(),
    rtoMet: z.boolean().optional(),
    rpoMet: z.boolean().optional(),
  }),
  phases: z.array(phaseSchema),
  backups: z.array(z.object({ namespace: z.string(), name: z.string(), startedAt: instant })),
  clusters: z.array(z.object({ region: z.string(), version: z.string() })),
  approvals: z.array(z.object({ gate: z.string(), approver: z.string(), at: instant })),
  checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })),
  /** Kind-specific sections: object counts, tabletop answers, ... */
  tables: z.array(tableSchema),
  notes: z.array(z.string()),
  /** Set when secrets were removed from journal entries: which ones, and the store's original chain head. */
  journalRedaction: z.object({ seqs: z.array(z.number().int()), sourceHead: z.string() }).optional(),
  journal: z.array(journalEntrySchema),
});

export type EvidenceReport = z.infer<typeof evidenceReportSchema>;
export type EvidencePhase = EvidenceReport['phases'][number];
export type EvidenceCheck = EvidenceReport['checks'][number];
export type EvidenceTable = EvidenceReport['tables'][number];
export type EvidenceBackup = EvidenceReport['backups'][number];
export type EvidenceCluster = EvidenceReport['clusters'][number];

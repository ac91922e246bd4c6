import { Duration } from '../objectives/duration.js';
import type { Pattern } from './schema.js';

/** What a DR pattern typically achieves and costs, from the source article's figures. */
export interface PatternProfile {
  pattern: Pattern;
  title: string;
  rto: { min: Duration; max: Duration };
  rpo: { min: Duration; max: Duration };
  /** Cost of the recovery region as a percentage of production's. */
  costPercent: { min: number; max: number };
  description: string;
}

/**
 * The three patterns with the article's typical RTO, RPO and cost. These ranges are what `plan explain`
 * compares a plan's objectives with, and the fallback when a plan gives nothing more precise:
 * "near-zero" RPO is taken as at most 1m, "minutes" as 1m-15m (assumptions, stated here once).
 *
 * @example PATTERNS['pilot-light'].rto.max.toString() // '15m'
 */
export const PATTERNS: Record<Pattern, PatternProfile> = {
  'active-passive': {
    pattern: 'active-passive',
    title: 'Active-Passive',
    rto: { min: Duration.minutes(15), max: Duration.minutes(60) },
    rpo: { min: Duration.hours(1), max: Duration.hours(1) },
    costPercent: { min: 30, max: 30 },
    description: 'The standby region runs scaled down and takes over by scaling up and restoring the latest Velero backup; DNS failover moves traffic. RPO is the backup interval.',
  },
  'active-active': {
    pattern: 'active-active',
    title: 'Active-Active',
    rto: { min: Duration.zero, max: Duration.minutes(1) },
    rpo: { min: Duration.zero, max: Duration.minutes(1) },
    costPercent: { min: 100, max: 100 },
    description: 'Every region runs full production and shares traffic by weighted routing; losing one shifts its share to the others. Data is replicated synchronously or nearly so.',
  },
  'pilot-light': {
    pattern: 'pilot-light',
    title: 'Pilot Light',
    rto: { min: Duration.minutes(5), max: Duration.minutes(15) },
    rpo: { min: Duration.minutes(1), max: Duration.minutes(15) },
    costPercent: { min: 10, max: 15 },
    description: 'The recovery region keeps only its control plane and synced data; failover adds worker nodes (Cluster API or Karpenter) and lets Argo CD sync the workloads.',
  },
};

/**
 * Every term the dashboard uses, in plain words: each appears as a tooltip wherever the term does,
 * so nobody has to remember at 3 a.m. what a fence or a gate is.
 */
export const GLOSSARY = {
  RPO: 'Recovery Point Objective: the most data, measured in time, you accept to lose. Achieved RPO is the age of the newest backup you could restore right now.',
  RTO: 'Recovery Time Objective: the longest the service may be down, from the outage until traffic is served from the standby region.',
  'achieved RPO': 'How old the newest restorable backup is now, for the worst protected namespace: the data a failover would lose.',
  'predicted RTO': 'How long a failover is expected to take: the last failover drill\'s measured time, or else the sum of the runbook\'s step budgets.',
  'measured RTO': 'How long the newest failover drill actually took, from outage to traffic served by the standby.',
  fence: 'Fencing cuts the failed region off (no traffic, no writes to the backup bucket) so it cannot come back half-alive and corrupt data.',
  gate: 'A gate is a point where the run stops and waits for people: an approver must approve it before the run goes on, or reject it to roll back.',
  'declare gate': 'The first gate of a failover: the incident commander declares the failover. The person who started the run cannot approve it.',
  budget: 'The time a step is allowed. The bar fills as the step runs and turns red once it takes longer than its budget.',
  finding: 'Something Lifeboat checked about the plan: error (recovery at risk), warning (fix soon) or info.',
  coverage: 'Whether every namespace the plan protects is included in a backup schedule.',
  drill: 'A rehearsal: tabletop (people walk through the runbook), component (restore a backup into a scratch namespace) or failover (the real thing, on purpose).',
  failover: 'Move the service to the standby region: confirm the outage, declare, fence, restore, scale up, switch traffic.',
  failback: 'Move the service back to the recovered primary region once it is healthy.',
  'hash chain': 'Each journal entry carries the hash of the one before, so any edit to the journal after the fact is detected.',
  journal: 'The run\'s durable record: every step started, finished, approved or failed, in order, hash-chained.',
  evidence: 'A signed bundle of reports about a run (HTML, PDF, JSON, Markdown, JUnit) and its journal, for auditors.',
  schedule: 'A Velero backup schedule: which namespaces are backed up, how often (cron) and kept how long (TTL).',
  posture: 'The plan\'s current state of readiness: backups, coverage, standby capacity, traffic provider and drills, as last checked.',
  abort: 'Stop the run at the next step boundary and undo what it did (the compensations), in reverse order.',
} as const;

export type Term = keyof typeof GLOSSARY;

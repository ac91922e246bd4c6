import type { ReactElement } from 'react';
import { formatSeconds, formatTime } from '../format';
import type { BackupPoint } from './backup-points';

const ROW = 30;
const LEFT = 250;
const WIDTH = 860;
const TOP = 28;

/**
 * The newest backup of each schedule and each protected namespace on a time axis ending now. The
 * green band is the RPO objective: a backup inside it is fresh enough; one left of it, or none at
 * all, is a breach drawn in red.
 */
export function BackupTimeline({ points, rpoSeconds, now }: { points: BackupPoint[]; rpoSeconds: number; now: number }): ReactElement {
  const oldest = Math.min(now - rpoSeconds * 1000, ...points.map((p) => p.at ?? now));
  const span = Math.max((now - oldest) * 1.15, rpoSeconds * 2000, 60_000);
  const start = now - span;
  const x = (t: number): number => LEFT + ((t - start) / span) * (WIDTH - LEFT - 20);
  const height = TOP + points.length * ROW + 24;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => start + f * span);
  return (
    <svg className="timeline" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label="Newest backups against the RPO objective" data-testid="backup-timeline">
      <rect x={x(now - rpoSeconds * 1000)} y={TOP - 8} width={x(now) - x(now - rpoSeconds * 1000)} height={points.length * ROW + 8} className="tl-band">
        <title>{`Within the RPO objective (${formatSeconds(rpoSeconds)}): a backup here is fresh enough`}</title>
      </rect>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={TOP - 8} y2={height - 20} className="tl-grid" />
          <text x={x(t)} y={height - 6} className="tl-tick" textAnchor="middle">{t === now ? 'now' : `-${formatSeconds((now - t) / 1000)}`}</text>
        </g>
      ))}
      <text x={x(now)} y={TOP - 12} className="tl-tick" textAnchor="end">green: within the RPO objective ({formatSeconds(rpoSeconds)})</text>
      {points.map((p, i) => <TimelineRow key={`${p.kind}:${p.name}`} point={p} y={TOP + i * ROW + ROW / 2} x={x} now={now} rpoSeconds={rpoSeconds} />)}
    </svg>
  );
}

function TimelineRow({ point, y, x, now, rpoSeconds }: { point: BackupPoint; y: number; x: (t: number) => number; now: number; rpoSeconds: number }): ReactElement {
  const label = clip(`${point.kind === 'schedule' ? 'schedule' : 'namespace'} ${point.name}`);
  if (point.at === undefined) {
    return (
      <g data-row={point.name} data-fresh="false">
        <text x={8} y={y + 4} className="tl-label">{label}</text>
        <text x={LEFT} y={y + 4} className="tl-none">no backup found</text>
      </g>
    );
  }
  const age = (now - point.at) / 1000;
  const fresh = age <= rpoSeconds;
  return (
    <g data-row={point.name} data-fresh={String(fresh)}>
      <text x={8} y={y + 4} className="tl-label">{label}</text>
      <line x1={x(point.at)} x2={x(now)} y1={y} y2={y} className={fresh ? 'tl-age-ok' : 'tl-age-bad'} />
      <circle cx={x(point.at)} cy={y} r={6} className={fresh ? 'tl-dot-ok' : 'tl-dot-bad'}>
        <title>{`${point.backup ?? 'newest backup'} at ${formatTime(new Date(point.at).toISOString())}: ${formatSeconds(age)} old`}</title>
      </circle>
    </g>
  );
}

/** Keeps a row label inside the left margin. */
function clip(label: string): string {
  return label.length > 34 ? `${label.slice(0, 33)}…` : label;
}

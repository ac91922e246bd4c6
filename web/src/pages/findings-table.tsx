import type { ReactElement } from 'react';
import type { Finding } from '../api/types';
import { Term } from '../ui/term';

const TONE: Record<Finding['severity'], string> = { error: 'breach', warning: 'warn', info: 'info' };

/** Findings worst first: severity, id, what is wrong, how to fix it. */
export function FindingsTable({ findings, testId }: { findings: Finding[]; testId: string }): ReactElement {
  if (findings.length === 0) return <p className="text-ok">No <Term t="finding">findings</Term>: nothing to fix.</p>;
  return (
    <table className="findings" data-testid={testId}>
      <thead><tr><th>Severity</th><th>Check</th><th>What is wrong</th><th>How to fix it</th></tr></thead>
      <tbody>
        {findings.map((f, i) => (
          <tr key={`${f.id}-${i}`} data-finding={f.id} data-severity={f.severity}>
            <td><span className={`sev sev-${TONE[f.severity]}`}>{f.severity.toUpperCase()}</span></td>
            <td><code>{f.id}</code>{f.field ? <div className="muted small">{f.field}</div> : null}</td>
            <td>{f.message}</td>
            <td className="small">{f.fix}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

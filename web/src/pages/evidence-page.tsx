import { useState, type ReactElement } from 'react';
import type { ApiError } from '../api/api-error';
import type { EvidenceBundle, EvidenceVerdict } from '../api/types';
import { formatTime } from '../format';
import { hrefOf } from '../router';
import { useSession } from '../session';
import { ErrorNotice } from '../ui/error-notice';
import { Term } from '../ui/term';
import { asApiError, useLoad } from '../ui/use-load';

/** The order files are offered in: the report first, the machine-readable ones after. */
const ORDER = ['report.html', 'report.pdf', 'report.json', 'report.md', 'report.junit.xml', 'journal.jsonl', 'manifest.json'];

/** Evidence bundles: each file to download (the signed manifest too), and the bundle's verification on demand. */
export function EvidencePage(): ReactElement {
  const { client } = useSession();
  const bundles = useLoad(() => client.evidence(), 'evidence', 30_000);
  return (
    <section>
      <h1><Term t="evidence">Evidence</Term></h1>
      <ErrorNotice error={bundles.error} what="list the evidence" />
      {bundles.data?.length === 0 ? <p className="muted">No evidence bundles yet: every finished failover and drill writes one.</p> : null}
      <div className="bundles" data-testid="evidence">{(bundles.data ?? []).map((b) => <BundleCard key={b.runId} bundle={b} />)}</div>
    </section>
  );
}

function BundleCard({ bundle }: { bundle: EvidenceBundle }): ReactElement {
  const { client } = useSession();
  const [verdict, setVerdict] = useState<EvidenceVerdict | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const files = [...new Set([...bundle.files, 'manifest.json'])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const verify = async (): Promise<void> => {
    setError(undefined);
    try { setVerdict(await client.verifyEvidence(bundle.runId)); } catch (e) { setError(asApiError(e)); }
  };
  const download = async (file: string): Promise<void> => {
    setError(undefined);
    try {
      const url = URL.createObjectURL(await client.blob(`/v1/evidence/${encodeURIComponent(bundle.runId)}/${encodeURIComponent(file)}`));
      const a = Object.assign(document.createElement('a'), { href: url, download: file });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) { setError(asApiError(e)); }
  };
  return (
    <article className="panel" data-bundle={bundle.runId}>
      <h2><a href={hrefOf({ page: 'run', runId: bundle.runId })}>{bundle.runId}</a> <span className="muted small">{formatTime(bundle.createdAt)}</span></h2>
      <div className="files">{files.map((f) => <button key={f} type="button" className="btn btn-quiet" data-file={f} onClick={() => void download(f)}>⬇ {f}</button>)}</div>
      <p className="muted small">Signing key {bundle.keyFingerprint ?? 'unknown'}</p>
      <button type="button" className="btn" data-testid="verify" onClick={() => void verify()}>Verify signature and hashes</button>
      {verdict ? <VerdictLine verdict={verdict} /> : null}
      <ErrorNotice error={error} />
    </article>
  );
}

function VerdictLine({ verdict }: { verdict: EvidenceVerdict }): ReactElement {
  if (!verdict.ok) {
    return (
      <div className="notice notice-error" data-testid="verdict" data-ok="false">
        <strong>VERIFICATION FAILED</strong>
        <ul>{verdict.problems.map((p) => <li key={p.file}>{p.file}: {p.reason}</li>)}</ul>
      </div>
    );
  }
  return (
    <div className="notice notice-ok" data-testid="verdict" data-ok="true">
      <strong>VERIFIED</strong>: signature, every file's SHA-256 and the journal's <Term t="hash chain" /> hold
      {verdict.trusted ? ', signed with this server\'s key.' : '; the signing key is not one this server trusts.'}
    </div>
  );
}

function rank(file: string): number {
  const i = ORDER.indexOf(file);
  return i < 0 ? ORDER.length : i;
}

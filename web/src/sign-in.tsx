import { useState, type ReactElement } from 'react';
import type { ApiError } from './api/api-error';
import { ErrorNotice } from './ui/error-notice';

/** The token field. The token stays in this tab (sessionStorage) and goes only to this server. */
export function SignIn({ onSubmit, error, busy, notice }: { onSubmit: (token: string) => void; error: ApiError | undefined; busy: boolean; notice: string | undefined }): ReactElement {
  const [token, setToken] = useState('');
  return (
    <main className="sign-in">
      <h1>Lifeboat</h1>
      <p>Disaster recovery for your Kubernetes plans. Sign in with an API token (from <code>lifeboat serve token add</code>).</p>
      {notice ? <div className="notice notice-warn" role="status">{notice}</div> : null}
      <form onSubmit={(e) => { e.preventDefault(); if (token.trim()) onSubmit(token.trim()); }}>
        <label>
          API token
          <input type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} data-testid="token" autoFocus />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || token.trim() === ''} data-testid="sign-in">{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
      <ErrorNotice error={error} what="sign in" />
      <p className="muted small">The token is kept only in this browser tab and is forgotten when the tab closes.</p>
    </main>
  );
}

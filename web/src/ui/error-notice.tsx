import type { ReactElement } from 'react';
import type { ApiError } from '../api/api-error';

/** An API error in plain words, with the server's code for whoever reads the logs. */
export function ErrorNotice({ error, what }: { error: ApiError | undefined; what?: string }): ReactElement | null {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{what ? `Could not ${what}: ` : ''}</strong>
      {error.advice}
      {error.status > 0 ? <span className="muted"> (HTTP {error.status}, {error.code})</span> : null}
    </div>
  );
}

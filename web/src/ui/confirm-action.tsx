import { useState, type ReactElement } from 'react';
import type { ApiError } from '../api/api-error';
import type { Role } from '../api/types';
import { ErrorNotice } from './error-notice';
import { RoleButton } from './role-button';
import { asApiError } from './use-load';

export interface ConfirmActionProps {
  needs: Role;
  /** The button: "Start failover", "Approve", ... */
  label: string;
  /** What the text field asks for; the reason goes into the audit journal. */
  prompt: string;
  /** A reason must be given (reject, abort, failover); approve takes an optional comment. */
  required: boolean;
  danger?: boolean;
  testId: string;
  why?: string;
  onConfirm(text: string): Promise<void>;
}

/**
 * A role-gated action that asks first: the button opens a short form (why, for the audit journal)
 * and only its second button acts. Errors from the server stay on screen in plain words.
 */
export function ConfirmAction(p: ConfirmActionProps): ReactElement {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await p.onConfirm(text.trim());
      setOpen(false);
      setText('');
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (!open) return <RoleButton needs={p.needs} onClick={() => setOpen(true)} danger={p.danger} testId={p.testId} {...(p.why ? { why: p.why } : {})}>{p.label}…</RoleButton>;
  return (
    <form className="confirm" data-testid={`${p.testId}-form`} onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
      <label>
        {p.prompt}{p.required ? '' : ' (optional)'}
        <textarea value={text} onChange={(e) => setText(e.target.value)} required={p.required} rows={2} autoFocus data-testid={`${p.testId}-text`} />
      </label>
      <div className="row">
        <button type="submit" className={p.danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy || (p.required && text.trim() === '')} data-testid={`${p.testId}-confirm`}>
          {busy ? 'Working…' : `${p.label} now`}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => { setOpen(false); setError(undefined); }}>Cancel</button>
      </div>
      <ErrorNotice error={error} what={p.label.toLowerCase()} />
    </form>
  );
}

import type { ReactElement, ReactNode } from 'react';
import type { Role } from '../api/types';
import { hasRole } from '../auth/roles';
import { useSession } from '../session';

/**
 * A button only some roles may use. Below the needed role it stays visible but disabled, and its
 * tooltip says which role is needed, so nobody wonders why nothing happens.
 */
export function RoleButton(o: { needs: Role; onClick: () => void; children: ReactNode; busy?: boolean; danger?: boolean; why?: string; testId?: string }): ReactElement {
  const { identity } = useSession();
  const allowed = hasRole(identity.role, o.needs);
  const title = allowed ? o.why : `Needs the ${o.needs} role; this token is ${identity.role}`;
  return (
    <button
      type="button"
      className={o.danger ? 'btn btn-danger' : 'btn'}
      disabled={!allowed || o.busy}
      title={title}
      data-needs={o.needs}
      data-testid={o.testId}
      onClick={o.onClick}
    >
      {o.busy ? 'Working…' : o.children}
    </button>
  );
}

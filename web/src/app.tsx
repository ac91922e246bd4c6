import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { ApiError } from './api/api-error';
import { ApiClient } from './api/client';
import { discoverIdentity, type Identity } from './auth/identity';
import { ROLE_MEANS } from './auth/roles';
import { tokenStore } from './auth/token-store';
import { EvidencePage } from './pages/evidence-page';
import { FleetPage } from './pages/fleet-page';
import { PlanPage } from './pages/plan-page';
import { RunPage } from './pages/run-page';
import { RunsPage } from './pages/runs-page';
import { hrefOf, useRoute, type Route } from './router';
import { SessionContext, type Session } from './session';
import { SignIn } from './sign-in';
import { asApiError } from './ui/use-load';

/** Signs in (or resumes this tab's session), then shows the page the hash names. */
export function App(): ReactElement {
  const [token, setToken] = useState<string | undefined>(() => tokenStore.get());
  const [identity, setIdentity] = useState<Identity | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const signOut = useCallback((reason?: string) => {
    tokenStore.clear();
    setToken(undefined);
    setIdentity(undefined);
    setNotice(reason);
  }, []);
  const client = useMemo(() => (token ? new ApiClient(token, (e) => signOut(`Signed out: ${e.message}.`)) : undefined), [token, signOut]);
  useEffect(() => {
    if (!client) return;
    discoverIdentity(client).then((id) => { setIdentity(id); setError(undefined); setNotice(undefined); }, (e: unknown) => {
      setError(asApiError(e));
      tokenStore.clear();
      setToken(undefined);
    });
  }, [client]);
  const submit = (t: string): void => {
    tokenStore.set(t);
    setError(undefined);
    setToken(t);
  };
  if (!client || !identity) return <SignIn onSubmit={submit} error={error} busy={Boolean(client)} notice={notice} />;
  const session: Session = { client, identity, signOut };
  return <SessionContext.Provider value={session}><Shell identity={identity} signOut={signOut} /></SessionContext.Provider>;
}

function Shell({ identity, signOut }: { identity: Identity; signOut: () => void }): ReactElement {
  const route = useRoute();
  const nav: Array<[Route, string]> = [[{ page: 'fleet' }, 'Fleet'], [{ page: 'runs' }, 'Runs'], [{ page: 'evidence' }, 'Evidence']];
  return (
    <>
      <nav className="topbar">
        <a href="#/" className="brand"><LifebuoyIcon /> Lifeboat</a>
        {nav.map(([r, label]) => <a key={label} href={hrefOf(r)} className={r.page === route.page ? 'active' : ''}>{label}</a>)}
        <span className="who" data-testid="who" data-role={identity.role} title={`${identity.role}: ${ROLE_MEANS[identity.role]}`}>
          {identity.name ? `${identity.name} · ` : ''}<strong>{identity.role}</strong>
        </span>
        <button type="button" className="btn btn-quiet" onClick={() => signOut()} data-testid="sign-out">Sign out</button>
      </nav>
      <main className="content"><Page route={route} /></main>
    </>
  );
}

function Page({ route }: { route: Route }): ReactElement {
  switch (route.page) {
    case 'plan': return <PlanPage key={route.plan} plan={route.plan} />;
    case 'run': return <RunPage key={route.runId} runId={route.runId} />;
    case 'runs': return <RunsPage />;
    case 'evidence': return <EvidencePage />;
    case 'fleet': return <FleetPage />;
  }
}

function LifebuoyIcon(): ReactElement {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" className="brand-icon">
      <circle cx="12" cy="12" r="9" fill="none" stroke="#ff4d4f" strokeWidth="5" strokeDasharray="7.07 7.07" />
      <circle cx="12" cy="12" r="9" fill="none" stroke="#f3f5f7" strokeWidth="5" strokeDasharray="7.07 7.07" strokeDashoffset="7.07" />
    </svg>
  );
}

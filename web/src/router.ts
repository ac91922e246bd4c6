import { useEffect, useState } from 'react';

/** The dashboard's pages. Hash routes (#/plans/shop) need nothing from the server but index.html. */
export type Route =
  | { page: 'fleet' }
  | { page: 'plan'; plan: string }
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'evidence' };

/** Parses `#/plans/shop`, `#/runs/ID`, `#/runs`, `#/evidence`; anything else is the fleet. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id] = parts;
  if (head === 'plans' && id) return { page: 'plan', plan: id };
  if (head === 'runs' && id) return { page: 'run', runId: id };
  if (head === 'runs') return { page: 'runs' };
  if (head === 'evidence') return { page: 'evidence' };
  return { page: 'fleet' };
}

/** The link to a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'plan': return `#/plans/${encodeURIComponent(route.plan)}`;
    case 'run': return `#/runs/${encodeURIComponent(route.runId)}`;
    case 'runs': return '#/runs';
    case 'evidence': return '#/evidence';
    case 'fleet': return '#/';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

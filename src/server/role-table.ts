import { ROLES } from './auth/roles.js';
import type { RouteDef } from './routes/route-def.js';

/**
 * The route table as a Markdown table: method, path, minimum role, whether the call is audited, and
 * its summary. docs/server.md embeds it between markers, and a test keeps the two equal.
 *
 * @example roleTableMarkdown(app.routes).split('\n')[0] // '| Method | Path | Role | Audited | What it does |'
 */
export function roleTableMarkdown(routes: readonly RouteDef[]): string {
  const rows = routes.map((r) => {
    const role = r.access === 'open' ? 'open (no token)' : ROLES.slice(ROLES.indexOf(r.access)).map((x) => `\`${x}\``).join(', ');
    return `| ${r.route.method.toUpperCase()} | \`${r.route.path}\` | ${role} | ${r.mutating ? 'yes' : ''} | ${(r.route.summary ?? '').replace(/\|/g, '\\|')} |`;
  });
  return ['| Method | Path | Roles allowed | Audited | What it does |', '|---|---|---|---|---|', ...rows].join('\n');
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2', '.map': 'application/json',
};

/** Paths the API owns: never answered with the dashboard, even when no route matches. */
const API = /^\/(?:v1(?:\/|$)|healthz$|openapi\.json$|metrics$)/;

/**
 * The dashboard's headers: its scripts and styles come only from this origin, it calls only this
 * origin, no page may frame it, and no referrer leaves it.
 */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Serves the built dashboard (web/dist) for `lifeboat serve`: GET or HEAD of `/assets/<hashed file>`
 * answers the file, cached for a year (its name changes with its content); any other GET outside the
 * API (`/`, `/plans/x`, ...) answers index.html, never cached, so a new build is picked up at once.
 * Answers undefined for API paths, other methods, and when web/dist has not been built, so the
 * caller falls through to the API (and its JSON 404).
 *
 * @example
 * const dashboard = dashboardFiles(join(repoRoot, 'web', 'dist'));
 * listen(async (req) => (await dashboard(req)) ?? app.fetch(req), at)
 */
export function dashboardFiles(distDir: string): (request: Request) => Promise<Response | undefined> {
  const root = resolve(distDir);
  return (request) => Promise.resolve(answer(root, request));
}

function answer(root: string, request: Request): Response | undefined {
  const path = dashboardPath(request);
  const index = join(root, 'index.html');
  if (path === undefined || !existsSync(index)) return undefined;
  const file = resolve(root, `.${path}`);
  const inside = file.startsWith(root + sep);
  if (inside && extname(file) && isFile(file)) return fileResponse(file, request, path.startsWith('/assets/'));
  if (extname(path) && path !== '/index.html') return notFound();
  return fileResponse(index, request, false);
}

/** The decoded path of a GET or HEAD outside the API, else undefined. */
function dashboardPath(request: Request): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const path = decodePath(new URL(request.url).pathname);
  return path === undefined || API.test(path) ? undefined : path;
}

function fileResponse(file: string, request: Request, immutable: boolean): Response {
  const body = readFileSync(file);
  const headers = {
    ...DASHBOARD_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

function notFound(): Response {
  return new Response('not found\n', { status: 404, headers: { ...DASHBOARD_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' } });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function decodePath(pathname: string): string | undefined {
  try {
    const path = decodeURIComponent(pathname);
    return path.includes('\0') ? undefined : path;
  } catch {
    return undefined;
  }
}

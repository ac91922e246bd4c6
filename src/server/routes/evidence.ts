import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { AUTH_ERRORS, errorResponses, runParam } from '../http-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json', jsonl: 'application/x-ndjson', md: 'text/markdown; charset=utf-8', xml: 'application/xml',
  html: 'text/html; charset=utf-8', pdf: 'application/pdf',
};

const bundleSchema = z.object({ runId: z.string(), createdAt: z.string(), files: z.array(z.string()), keyFingerprint: z.string().nullable() }).openapi('EvidenceBundle');
const verdictSchema = z.object({
  ok: z.boolean(), runId: z.string().nullable(), keyFingerprint: z.string().nullable(), trusted: z.boolean(),
  problems: z.array(z.object({ file: z.string(), reason: z.string() })),
}).openapi('EvidenceVerdict');

/** GET /v1/evidence, /v1/evidence/{run}/verify and /v1/evidence/{run}/{file}. */
export function evidenceRoutes(deps: ServerDeps): RouteDef[] {
  return [
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/evidence', tags: ['evidence'], summary: 'Evidence bundles in the state directory, newest first',
      responses: { 200: { description: 'Bundles', content: { 'application/json': { schema: z.object({ bundles: z.array(bundleSchema) }) } } }, ...errorResponses(...AUTH_ERRORS) },
    }), (c) => c.json({ bundles: deps.evidence.list().map((b) => ({ ...b, keyFingerprint: b.keyFingerprint ?? null })) }, 200)),
    // Registered before /{file}: "verify" is this route, never a file name.
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/evidence/{run}/verify', tags: ['evidence'], summary: 'Verify a bundle: signature, every file\'s SHA-256, the journal\'s hash chain',
      request: { params: runParam },
      responses: { 200: { description: 'The verdict (ok false names each problem)', content: { 'application/json': { schema: verdictSchema } } }, ...errorResponses(...AUTH_ERRORS, 404, 422) },
    }), (c) => {
      const v = deps.evidence.verify(c.req.valid('param').run);
      return c.json({ ok: v.ok, runId: v.runId ?? null, keyFingerprint: v.keyFingerprint ?? null, trusted: v.trusted, problems: v.problems.map((p) => ({ file: p.file, reason: p.reason })) }, 200);
    }),
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/evidence/{run}/{file}', tags: ['evidence'], summary: 'Download one file of a bundle (only the files its manifest lists)',
      request: { params: runParam.extend({ file: z.string().min(1).max(255).openapi({ param: { name: 'file', in: 'path' }, example: 'report.html' }) }) },
      responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(...AUTH_ERRORS, 404, 422) },
    }), (c) => {
      const { run, file } = c.req.valid('param');
      const found = deps.evidence.file(run, file);
      const type = CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
      const body = Readable.toWeb(createReadStream(found.path)) as ReadableStream<Uint8Array>;
      return new Response(body, { status: 200, headers: { 'Content-Type': type, 'Content-Length': String(found.size), 'Content-Disposition': `attachment; filename="${file}"`, 'X-Content-Type-Options': 'nosniff' } });
    }),
  ];
}

import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError, type InputIssue } from '../../core/errors.js';
import { formatPath } from '../../core/plan/issue-path.js';
import { locate } from '../../core/plan/yaml-locations.js';
import { friendlyMessage, fromZodIssues } from '../../core/plan/zod-issues.js';

/**
 * Parses a YAML (or JSON: it is YAML) file with a zod schema, the way plans are parsed: every issue
 * as `path: message (source:line:column)`, never the offending value (it may be a pasted secret).
 *
 * @example parseLocated(serverConfigSchema, text, 'serve.yaml').spec.listen // '127.0.0.1:7480'
 */
export function parseLocated<S extends z.ZodType>(schema: S, text: string, source: string): z.output<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const pos = counter.linePos(offset);
    return `${source}:${pos.line}:${pos.col}`;
  };
  if (doc.errors.length > 0) {
    throw new InputError(doc.errors.map((e): InputIssue => ({ path: '', message: `YAML syntax error: ${e.message}`, location: at(e.pos[0]) })));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new InputError([{ path: '(document)', message: `is not readable as YAML: ${error instanceof Error ? error.message : String(error)}`, location: at(0) }]);
  }
  const result = schema.safeParse(value, { error: friendlyMessage });
  if (result.success) return result.data;
  throw new InputError(fromZodIssues(result.error.issues).map((issue) => {
    const pos = locate(doc, issue.path, counter, issue.at);
    return { path: formatPath(issue.path) || '(document)', message: issue.message, location: `${source}:${pos.line}:${pos.column}` };
  }));
}

import { isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { InputError, type InputIssue } from '../errors.js';
import { findInlineSecrets } from './inline-secrets.js';
import { formatPath, type PathIssue } from './issue-path.js';
import { drPlanSchema, type DRPlan } from './schema.js';
import { locate } from './yaml-locations.js';
import { friendlyMessage, fromZodIssues } from './zod-issues.js';

/** Alias expansions allowed per document; more is a "billion laughs" document, not a plan. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a YAML file holding exactly one DRPlan. Use it where one plan is expected (`plan explain`,
 * `plan render`); use parsePlans for files that may hold several.
 *
 * @throws InputError listing every issue, each as `path: message (source:line:column)`; never any
 *   other error, whatever the text.
 * @example parsePlan(readFileSync('plan.yaml', 'utf8'), 'plan.yaml').spec.pattern // 'active-passive'
 */
export function parsePlan(text: string, source: string): DRPlan {
  const plans = parsePlans(text, source);
  if (plans.length > 1) {
    throw new InputError([{ path: '(file)', message: `holds ${plans.length} plans where one is expected; split the file or validate it with \`plan validate\``, location: `${source}:1:1` }]);
  }
  return plans[0] as DRPlan;
}

/**
 * Parses a multi-document YAML file (documents separated by `---`) where each non-empty document is a
 * DRPlan. Every document is checked before throwing, so one run reports every issue in the file.
 *
 * @throws InputError with every syntax, schema, cross-field and inline-secret issue, each located at
 *   the offending node (a missing key at its parent map).
 * @example parsePlans(text, 'plans.yaml').map((p) => p.metadata.name) // ['shop', 'payments']
 */
export function parsePlans(text: string, source: string): DRPlan[] {
  const counter = new LineCounter();
  const docs = readDocuments(text, source, counter);
  const plans: DRPlan[] = [];
  const issues: InputIssue[] = [];
  for (const doc of docs) {
    const checked = checkDocument(doc, { source, counter });
    if (checked.plan) plans.push(checked.plan);
    issues.push(...checked.issues);
  }
  if (issues.length > 0) throw new InputError(issues);
  if (plans.length === 0) throw new InputError([{ path: '(file)', message: 'holds no plan: expected a DRPlan document (apiVersion, kind, metadata, spec)', location: `${source}:1:1` }]);
  return plans;
}

interface Where {
  source: string;
  counter: LineCounter;
}

function readDocuments(text: string, source: string, counter: LineCounter): Document[] {
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw unreadable(error, source);
  }
  const syntax = docs.flatMap((doc) => doc.errors).map((err): InputIssue => {
    const pos = counter.linePos(err.pos[0]);
    return { path: '', message: `YAML syntax error: ${err.message}`, location: `${source}:${pos.line}:${pos.col}` };
  });
  if (syntax.length > 0) throw new InputError(syntax);
  return docs.filter((doc) => !isEmpty(doc));
}

/** A document with nothing in it (`---` followed by `---`): skipped, as kubectl does. */
function isEmpty(doc: Document): boolean {
  const c = doc.contents;
  if (c === null) return true;
  return isScalar(c) && c.value === null && (c.range === undefined || c.range === null || c.range[0] === c.range[1]);
}

function checkDocument(doc: Document, where: Where): { plan?: DRPlan; issues: InputIssue[] } {
  const value = toValue(doc, where);
  const secrets = findInlineSecrets(value);
  const result = drPlanSchema.safeParse(value, { error: friendlyMessage });
  if (result.success && secrets.length === 0) return { plan: result.data, issues: [] };
  const secretPaths = new Set(secrets.map((s) => formatPath(s.path)));
  const schemaIssues = result.success ? [] : fromZodIssues(result.error.issues).filter((i) => !secretPaths.has(formatPath(i.path)));
  return { issues: located([...secrets, ...schemaIssues], doc, where) };
}

function toValue(doc: Document, where: Where): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    const pos = where.counter.linePos(doc.range?.[0] ?? 0);
    throw unreadable(error, `${where.source}:${pos.line}:${pos.col}`);
  }
}

function located(issues: readonly PathIssue[], doc: Document, where: Where): InputIssue[] {
  return issues
    .map((issue) => ({ issue, pos: locate(doc, issue.path, where.counter, issue.at) }))
    .sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column)
    .map(({ issue, pos }) => ({
      path: formatPath(issue.path) || '(document)',
      message: issue.path.length === 0 ? `${issue.message}; expected a DRPlan mapping (apiVersion, kind, metadata, spec)` : issue.message,
      location: `${where.source}:${pos.line}:${pos.column}`,
    }));
}

/** A failure of the YAML library itself (alias bombs, nesting deeper than the stack) as an InputError. */
function unreadable(error: unknown, location: string): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  const at = location.includes(':') ? location : `${location}:1:1`;
  return new InputError([{ path: '(document)', message: `is not readable as YAML: ${reason}`, location: at }], { cause: error });
}

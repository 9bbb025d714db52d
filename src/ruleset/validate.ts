import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { CHECK_KINDS } from '../checks/index.js';
import { isKnownObjectName, STANDARD_OBJECTS } from '../model/standard-fields.js';
import { closest, didYouMean } from './did-you-mean.js';
import { locate, pointerSegments } from './positions.js';
import { toAliases, type RawAliases } from './aliases.js';
import type { ConfigIssue } from './types.js';

/**
 * The rules' JSON Schema (schema.ts) compiled ahead by ajv, every error reported with its schema and data
 * (`allErrors`, `verbose`: see fromAjv). Compiling it as sfaudit started took 120-170 ms of every run; the
 * compiled code loads in about 10. rules-validator.test.ts regenerates it, and fails when it is out of date.
 * Each rule kind is checked in a function of its own, which V8 compiles on its first call: as one function of
 * 198 KB, the first check of a file took 15-25 ms more, cold, than its 1-5 ms warm.
 */
const validateSchema = createRequire(import.meta.url)('./rules-validator.generated.cjs') as ValidateFunction;

/** A problem at a JSON-pointer path, before it is given a line and column. */
export interface RawIssue {
  path: string;
  message: string;
  hint?: string;
  atKey?: boolean;
}

/** Turns ajv's errors into messages a rules author can act on, dropping the noise of if/then and anyOf branches. */
export function fromAjv(errors: ErrorObject[]): RawIssue[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: RawIssue[] = [];
  // A misspelt key also trips "required": the did-you-mean on the misspelling says it all.
  const misspelt = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .flatMap((e) => {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const props = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
        const near = closest(key, props);
        return near ? [`${e.instancePath}|${near}`] : [];
      }),
  );
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.keyword === 'required' && misspelt.has(`${e.instancePath}|${String((e.params as { missingProperty: string }).missingProperty)}`)) continue;
    if (e.schemaPath.includes('/anyOf/') && anyOfPaths.has(e.instancePath)) continue;
    const parentProps = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        out.push({
          path: `${e.instancePath}/${key}`,
          atKey: true,
          message: `unknown key "${key}"`,
          hint: didYouMean(key, parentProps) ?? `allowed keys here: ${parentProps.join(', ')}`,
        });
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        out.push({ path: e.instancePath, message: `missing required key "${key}"`, hint: `add "${key}:"` });
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const value = String(e.data);
        const what = e.instancePath.endsWith('/kind') ? 'unknown kind' : 'unknown value';
        out.push({
          path: e.instancePath,
          message: `${what} "${value}"`,
          hint: didYouMean(value, allowed) ?? `write one of: ${allowed.join(', ')}`,
        });
        break;
      }
      case 'pattern':
        out.push({
          path: e.instancePath,
          message: `"${String(e.data)}" is not a valid id`,
          hint: 'use lowercase letters, digits, "-", "_" or ".", starting with a letter or digit (e.g. account-accounting-section)',
        });
        break;
      case 'anyOf':
        out.push({ path: e.instancePath, message: 'this value has the wrong form', hint: hintForAnyOf(e.instancePath) });
        break;
      case 'type':
        out.push({ path: e.instancePath, message: `must be ${article((e.params as { type: string }).type)}` });
        break;
      case 'minItems':
      case 'minProperties':
        out.push({ path: e.instancePath, message: 'must not be empty' });
        break;
      case 'minLength':
        out.push({ path: e.instancePath, message: 'must not be empty' });
        break;
      default:
        out.push({ path: e.instancePath, message: e.message ?? 'invalid' });
    }
  }
  return out;
}

function hintForAnyOf(path: string): string {
  if (path.includes('/aliases/components/')) return 'write a component name, or { component: ns:name, properties: { key: value } }';
  if (path.includes('/aliases/relatedLists/')) return 'write a related list name or a list of them';
  if (path.includes('/fields/')) return 'write a field label or API name, or { field: ..., type: ... }';
  return 'see the rule language reference in the README';
}

function article(type: string): string {
  return type === 'object' ? 'a mapping (key: value)' : type === 'array' ? 'a list' : `a ${type}`;
}

type RuleDoc = { id?: unknown; kind?: unknown; target?: { object?: unknown } };

/** Checks the schema cannot express: duplicate ids, unknown objects, bad regexes and the like. */
function semantic(data: { rules?: RuleDoc[]; aliases?: RawAliases }, seenIds: Map<string, string>, file: string): RawIssue[] {
  const out: RawIssue[] = [];
  const aliases = toAliases(data.aliases);
  (data.rules ?? []).forEach((rule, i) => {
    if (!rule || typeof rule !== 'object') return;
    if (typeof rule.id === 'string') {
      const first = seenIds.get(rule.id);
      if (first) {
        out.push({ path: `/rules/${i}/id`, message: `duplicate rule id "${rule.id}" (first used ${first})`, hint: 'give each rule its own id' });
      } else {
        seenIds.set(rule.id, `by rule ${i + 1} of ${path.basename(file)}`);
      }
    }
    const object = rule.target?.object;
    if (typeof object === 'string' && !isKnownObjectName(object)) {
      out.push({
        path: `/rules/${i}/target/object`,
        message: `unknown object "${object}"`,
        hint: didYouMean(object, STANDARD_OBJECTS) ?? 'use an object API name such as Account, or a custom object ending in __c',
      });
    }
    const kind = typeof rule.kind === 'string' ? CHECK_KINDS[rule.kind] : undefined;
    for (const issue of kind?.validate?.({ ...rule, aliases } as never) ?? []) {
      out.push({ path: `/rules/${i}${issue.path}`, message: issue.message, hint: issue.hint });
    }
  });
  return out;
}

/** Every problem in one ruleset file's data, at its JSON-pointer path (no line and column yet). Takes the file's rule ids into `seenIds`. */
export function dataIssues(data: unknown, file: string, seenIds: Map<string, string>): RawIssue[] {
  const raw: RawIssue[] = [];
  if (!validateSchema(data)) raw.push(...fromAjv(validateSchema.errors ?? []));
  if (data && typeof data === 'object') raw.push(...semantic(data as { rules?: RuleDoc[] }, seenIds, file));
  return raw;
}

/** Every problem in one parsed ruleset file, with positions. */
export function validateDocument(
  data: unknown,
  doc: Document,
  counter: LineCounter,
  file: string,
  seenIds: Map<string, string>,
): ConfigIssue[] {
  return positionIssues(dataIssues(data, file, seenIds), doc, counter, file);
}

/** Gives each issue the line and column of its path in the YAML, drops duplicates, sorts by position. */
export function positionIssues(raw: RawIssue[], doc: Document, counter: LineCounter, file: string): ConfigIssue[] {
  const seen = new Set<string>();
  return raw
    .map((r) => {
      const { line, column } = locate(doc, counter, pointerSegments(r.path), r.atKey);
      return { file, line, column, path: r.path || '/', message: r.message, hint: r.hint };
    })
    .filter((i) => {
      const key = `${i.line}:${i.column}:${i.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

import type { FieldResolver } from '../checks/fields.js';
import type { DataRecord } from '../model/types.js';
import type { Condition, RecordQuery, RecordSource } from './types.js';
import { mapPaths, conditionPaths, parseWhere, WhereSyntaxError } from './where.js';

/**
 * Record selection shared by the data rule kinds: which object, which records (a WHERE
 * clause), how many at most, and which fields, with labels turned into API names.
 */

/** Records one data rule checks unless the rule or the run says otherwise. */
export const DEFAULT_MAX_RECORDS = 10_000;

export interface RecordTarget {
  object: string;
  /** A SOQL WHERE clause without `WHERE`, e.g. `Type = 'Customer'`. */
  where?: string;
  /** Cap on records checked; reaching it is reported, never silent. */
  maxRecords?: number;
  /** Field that names a record in findings. Default `Name`. */
  nameField?: string;
}

export const recordTargetSchema = {
  type: 'object',
  required: ['object'],
  additionalProperties: false,
  properties: {
    object: { type: 'string', minLength: 1, description: 'Object API name, e.g. Opportunity.' },
    where: { type: 'string', minLength: 1, description: "SOQL WHERE clause without WHERE, e.g. Type = 'Customer' or IsClosed = false." },
    maxRecords: { type: 'integer', minimum: 1, description: `Most records checked (default ${DEFAULT_MAX_RECORDS}); reaching it is reported.` },
    nameField: { type: 'string', minLength: 1, description: 'Field that names a record in findings (default Name).' },
  },
} as const;

/** Load-time problems of a record target (a WHERE clause that does not parse). */
export function validateRecordTarget(target: RecordTarget | undefined): Array<{ path: string; message: string; hint?: string }> {
  if (typeof target?.where !== 'string') return [];
  try {
    parseWhere(target.where);
    return [];
  } catch (e) {
    if (!(e instanceof WhereSyntaxError)) throw e;
    return [
      {
        path: '/target/where',
        message: `the filter does not parse: ${e.message}`,
        hint: "write a SOQL condition such as Type = 'Customer' AND IsClosed = false; quote text with ' and labels with \"",
      },
    ];
  }
}

export interface ResolvedField {
  /** As the rule wrote it. */
  ref: string;
  /** API name (or relationship path). */
  name: string;
  /** `LinkedIn company URL (LinkedIn_Company_URL__c)` */
  display: string;
}

export interface Selection {
  object: string;
  /** The query to run: its `limit` is one more than `cap`, to tell "exactly cap" from "more". */
  query: RecordQuery;
  cap: number;
  nameField: string;
  fields: ResolvedField[];
  /** The filter as written in the rule, for messages. */
  whereText?: string;
}

/**
 * `missingFields`: checked fields the org does not have (a discrepancy in the org, like a
 * field missing from a layout); `problems`: the rule itself cannot be evaluated (bad filter).
 */
export type Planned = { ok: true; selection: Selection } | { ok: false; problems: string[]; missingFields: string[] };

const API_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

type Resolve = (object: string, path: string[]) => { ok: true; path: string[] } | { ok: false; message: string };

/**
 * Field references to API names. A custom field the object's metadata does not have is refused
 * when that metadata was read: a misspelt field would otherwise read as empty on every record.
 */
function pathResolver(fields: FieldResolver, customFieldsKnown: boolean): Resolve {
  return (object, path) => {
    if (path.length > 1) {
      // Relationship paths are API names (the label of a field on another object is ambiguous).
      const text = path.join('.');
      return API_PATH.test(text) ? { ok: true, path } : { ok: false, message: `"${text}" is not a relationship path of API names` };
    }
    const r = fields.resolve(object, path[0]!);
    if (!r.ok) return { ok: false, message: r.message };
    if (!r.known && customFieldsKnown && /__c$/i.test(r.name)) return { ok: false, message: `no field ${r.name} on ${object}` };
    return { ok: true, path: [r.name] };
  };
}

function resolveField(object: string, ref: string, resolvePath: Resolve, fields: FieldResolver): { ok: true; field: ResolvedField } | { ok: false; message: string } {
  const r = resolvePath(object, ref.includes('.') && !ref.includes(' ') ? ref.split('.') : [ref]);
  if (!r.ok) return r;
  const name = r.path.join('.');
  return { ok: true, field: { ref, name, display: r.path.length > 1 ? name : fields.display(object, name) } };
}

/**
 * Resolves a rule's target and the fields it checks against what sfaudit knows of the object.
 * `customFieldsKnown`: the object's metadata (its custom fields) was read, so an unknown custom field is an error.
 */
export function planSelection(
  target: RecordTarget,
  fieldRefs: string[],
  fields: FieldResolver,
  options: { defaultCap?: number; customFieldsKnown?: boolean } = {},
): Planned {
  const problems: string[] = [];
  const missingFields: string[] = [];
  const resolved: ResolvedField[] = [];
  const resolvePath = pathResolver(fields, options.customFieldsKnown ?? false);
  for (const ref of fieldRefs) {
    const r = resolveField(target.object, ref, resolvePath, fields);
    if (r.ok) resolved.push(r.field);
    else missingFields.push(r.message);
  }
  let where: Condition | undefined;
  if (target.where) {
    try {
      where = parseWhere(target.where);
    } catch (e) {
      problems.push(`the filter does not parse: ${(e as Error).message}`);
    }
    if (where) {
      for (const path of conditionPaths(where)) {
        const r = resolvePath(target.object, path);
        if (!r.ok) problems.push(`in the filter: ${r.message}`);
      }
      if (problems.length === 0) {
        where = mapPaths(where, (path) => {
          const r = resolvePath(target.object, path);
          return r.ok ? r.path : path;
        });
      }
    }
  }
  const nameField = target.nameField ?? 'Name';
  if (problems.length || missingFields.length) return { ok: false, problems, missingFields };
  const cap = target.maxRecords ?? options.defaultCap ?? DEFAULT_MAX_RECORDS;
  const wanted = [nameField, ...resolved.map((f) => f.name)];
  const unique = wanted.filter((f, i) => wanted.findIndex((g) => g.toLowerCase() === f.toLowerCase()) === i);
  return {
    ok: true,
    selection: {
      object: target.object,
      query: { object: target.object, fields: unique, where, limit: cap + 1 },
      cap,
      nameField,
      fields: resolved,
      whereText: target.where,
    },
  };
}

/**
 * Streams the selected records into `onRecord`, stopping at the cap. Only the current
 * record is held here: whatever `onRecord` keeps is the caller's memory.
 */
export async function scanRecords(
  source: RecordSource,
  selection: Selection,
  onRecord: (record: DataRecord) => void,
): Promise<{ seen: number; capped: boolean }> {
  let seen = 0;
  for await (const record of source.query(selection.query)) {
    if (seen === selection.cap) return { seen, capped: true };
    seen++;
    onRecord(record);
  }
  return { seen, capped: false };
}

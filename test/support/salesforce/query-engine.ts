/**
 * Runs parsed SOQL against the records of data/: field and relationship
 * resolution against the object's describe, filtering, ordering, limits and
 * the shape of returned records. String comparisons ignore case, and `!=` /
 * `NOT IN` match nulls, as SOQL does.
 */
import type { DataRecord, DataStore, FieldValue } from './data-store.js';
import type { DescribeCatalog, DescribeResult } from './describe.js';
import { parseSoql, SoqlSyntaxError, type Condition, type Literal, type OrderItem, type SoqlQuery } from './soql.js';

export type QueryErrorCode = 'MALFORMED_QUERY' | 'INVALID_TYPE' | 'INVALID_FIELD';

export class QueryError extends Error {
  constructor(
    readonly errorCode: QueryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ResultRecord = { attributes: { type: string; url: string } } & Record<string, unknown>;

export interface QueryOutcome {
  object: string;
  /** Matching records shaped for the response; empty for COUNT() queries. */
  records: ResultRecord[];
  totalSize: number;
}

/** A field path checked against the describe: canonical names per step, with the object each step lands on. */
interface ResolvedPath {
  /** Lookup fields to follow, then the final field. */
  lookups: Array<{ relationship: string; field: string }>;
  field: string;
}

export class QueryEngine {
  constructor(
    private readonly data: DataStore,
    private readonly catalog: DescribeCatalog,
  ) {}

  async run(soql: string, version: string): Promise<QueryOutcome> {
    let query: SoqlQuery;
    try {
      query = parseSoql(soql);
    } catch (error) {
      if (error instanceof SoqlSyntaxError) throw new QueryError('MALFORMED_QUERY', `\n${soql}\n${error.message}`);
      throw error;
    }
    const object = this.catalog.objectName(query.from);
    if (!object) {
      // Salesforce's wording for an unknown sObject in FROM.
      throw new QueryError(
        'INVALID_TYPE',
        `\n${soql}\nsObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const resolver = new PathResolver(this.catalog, version, soql);
    const isCount = query.select.some((s) => s.kind === 'count');
    if (isCount && query.select.length > 1) throw new QueryError('MALFORMED_QUERY', `\n${soql}\nCOUNT() cannot be combined with other fields`);

    const selected = await Promise.all(
      query.select.flatMap((s) => (s.kind === 'field' ? [resolver.resolve(object, s.path)] : [])),
    );
    const where = query.where ? await this.resolveCondition(resolver, object, query.where) : undefined;
    const order = await Promise.all(query.orderBy.map(async (o) => ({ ...o, resolved: await resolver.resolve(object, o.path) })));

    let matches = this.data.records(object).filter((r) => !where || where(r));
    if (order.length > 0) matches = [...matches].sort((a, b) => this.compareForOrder(a, b, order));
    matches = matches.slice(query.offset ?? 0, query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit);

    if (isCount) return { object, records: [], totalSize: matches.length };
    return { object, records: matches.map((r) => this.shape(r, selected, version)), totalSize: matches.length };
  }

  /** Compiles the condition into a predicate, resolving every field path first (so bad fields fail even with no data). */
  private async resolveCondition(resolver: PathResolver, object: string, condition: Condition): Promise<(r: DataRecord) => boolean> {
    switch (condition.kind) {
      case 'and':
      case 'or': {
        const parts = await Promise.all(condition.operands.map((c) => this.resolveCondition(resolver, object, c)));
        return condition.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
      }
      case 'not': {
        const inner = await this.resolveCondition(resolver, object, condition.operand);
        return (r) => !inner(r);
      }
      case 'compare': {
        const path = await resolver.resolve(object, condition.path);
        const { op, value } = condition;
        return (r) => compareMatches(this.valueAt(r, path), op, value);
      }
      case 'like': {
        const path = await resolver.resolve(object, condition.path);
        const pattern = likeToRegExp(condition.pattern);
        return (r) => {
          const value = this.valueAt(r, path);
          return value !== null && pattern.test(String(value));
        };
      }
      case 'in': {
        const path = await resolver.resolve(object, condition.path);
        const { values, negated } = condition;
        return (r) => {
          const value = this.valueAt(r, path);
          return values.some((v) => equals(value, v)) !== negated;
        };
      }
    }
  }

  private valueAt(record: DataRecord, path: ResolvedPath): FieldValue {
    let current: DataRecord | undefined = record;
    for (const step of path.lookups) {
      const id: FieldValue | undefined = current.fields[step.field];
      current = typeof id === 'string' ? this.data.byId(id) : undefined;
      if (!current) return null;
    }
    return current.fields[path.field] ?? null;
  }

  private compareForOrder(a: DataRecord, b: DataRecord, order: Array<OrderItem & { resolved: ResolvedPath }>): number {
    for (const item of order) {
      const left = this.valueAt(a, item.resolved);
      const right = this.valueAt(b, item.resolved);
      if (left === null || right === null) {
        if (left === right) continue;
        return (left === null) === item.nullsLast ? 1 : -1;
      }
      const result = compareValues(left, right);
      if (result !== 0) return item.descending ? -result : result;
    }
    return 0;
  }

  /** The record as the query returns it: attributes, then the selected fields; lookups nest as objects (or null). */
  private shape(record: DataRecord, selected: ResolvedPath[], version: string): ResultRecord {
    const out = withAttributes(record, version);
    for (const path of selected) {
      let target: Record<string, unknown> = out;
      let current: DataRecord | undefined = record;
      let broken = false;
      for (const step of path.lookups) {
        const id: FieldValue | undefined = current?.fields[step.field];
        current = typeof id === 'string' ? this.data.byId(id) : undefined;
        if (!current) {
          target[step.relationship] = null;
          broken = true;
          break;
        }
        const existing = target[step.relationship];
        const next = existing && typeof existing === 'object' ? (existing as Record<string, unknown>) : withAttributes(current, version);
        target[step.relationship] = next;
        target = next;
      }
      if (!broken && current) target[path.field] = current.fields[path.field] ?? null;
    }
    return out;
  }
}

function withAttributes(record: DataRecord, version: string): ResultRecord {
  return { attributes: { type: record.type, url: `/services/data/v${version}/sobjects/${record.type}/${record.id}` } };
}

/** Resolves field paths case-insensitively against describes, caching them per object. */
class PathResolver {
  private readonly describes = new Map<string, DescribeResult | undefined>();

  constructor(
    private readonly catalog: DescribeCatalog,
    private readonly version: string,
    private readonly soql: string,
  ) {}

  async resolve(object: string, path: string[]): Promise<ResolvedPath> {
    // SOQL allows prefixing fields with the queried object's own name: `SELECT Account.Name FROM Account`.
    const steps = path.length > 1 && path[0]?.toLowerCase() === object.toLowerCase() ? path.slice(1) : path;
    const lookups: ResolvedPath['lookups'] = [];
    let current = object;
    for (const relationship of steps.slice(0, -1)) {
      const field = (await this.describe(current))?.fields.find(
        (f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === relationship.toLowerCase(),
      );
      if (!field?.relationshipName) {
        throw new QueryError('INVALID_FIELD', `\n${this.soql}\nDidn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
      }
      lookups.push({ relationship: field.relationshipName, field: field.name });
      current = field.referenceTo[0] ?? current;
    }
    const last = steps[steps.length - 1] ?? '';
    const field = (await this.describe(current))?.fields.find((f) => f.name.toLowerCase() === last.toLowerCase());
    if (!field) {
      throw new QueryError('INVALID_FIELD', `\n${this.soql}\nNo such column '${last}' on entity '${current}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    return { lookups, field: field.name };
  }

  private async describe(object: string): Promise<DescribeResult | undefined> {
    if (!this.describes.has(object)) this.describes.set(object, await this.catalog.describe(object, this.version));
    return this.describes.get(object);
  }
}

function literalValue(literal: Literal): FieldValue {
  return literal !== null && typeof literal === 'object' ? literal.date : literal;
}

/** Total order used by comparisons and ORDER BY: numbers numerically, strings case-insensitively. */
function compareValues(left: Exclude<FieldValue, null>, right: Exclude<FieldValue, null>): number {
  if (typeof left === 'number' || typeof right === 'number') {
    const a = Number(left);
    const b = Number(right);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const a = String(left).toLowerCase();
  const b = String(right).toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function equals(value: FieldValue, literal: Literal): boolean {
  const expected = literalValue(literal);
  if (value === null || expected === null) return value === expected;
  if (typeof value === 'boolean' || typeof expected === 'boolean') return value === expected;
  return compareValues(value, expected) === 0;
}

function compareMatches(value: FieldValue, op: string, literal: Literal): boolean {
  if (op === '=') return equals(value, literal);
  if (op === '!=') return !equals(value, literal);
  const expected = literalValue(literal);
  if (value === null || expected === null || typeof value === 'boolean' || typeof expected === 'boolean') return false;
  const order = compareValues(value, expected);
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
}

/** SOQL LIKE: `%` any run, `_` one character, `\%` and `\_` literal; case-insensitive, whole value. */
function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      source += pattern.charAt(++i);
    } else if (c === '%') {
      source += '[\\s\\S]*';
    } else if (c === '_') {
      source += '[\\s\\S]';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

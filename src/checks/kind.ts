import type { JSONSchemaType } from 'ajv';
import type { OrgModel } from '../model/types.js';
import type { ConfigIssue, Rule } from '../ruleset/types.js';
import type { Outcome } from '../report/finding.js';
import type { FieldResolver } from './fields.js';
import type { RecordQuery, RecordSource } from '../records/types.js';
import type { LinkService } from './link-service.js';

/** A component a rule needs read from the org: the plan for a live fetch, and the key for load problems. */
export interface Need {
  type: string;
  /** Full name when known; absent means "every component of this type" (optionally of `object`). */
  name?: string;
  /**
   * Children and layouts: those of this object. FlexiPage: the record page shown for this object (its View
   * override, else an app default, else its only record page), which a live read resolves step by step.
   */
  object?: string;
}

export interface CheckContext {
  org: OrgModel;
  fields: FieldResolver;
  /** Records for data rules (the folder's data/ export or a live org's REST query); default: `org.records`. */
  records?: RecordSource;
  /** Link checks shared by the run (each URL once); default: live checks with default options. */
  links?: LinkService;
  /** Default cap on records per data rule; a rule's `target.maxRecords` overrides it. */
  maxRecords?: number;
  /** Adds a line to the report's notes (said once however often it is called). */
  note?(text: string): void;
  /** Adds to a counter in the report's stats. */
  count?(name: string, n?: number): void;
}

/**
 * One rule kind, ESLint-style: its metadata (description, options schema, docs)
 * next to its behaviour. `target` selects what to look at (Spectral's `given`),
 * `expect` is what must be true of it (`then`).
 */
export interface CheckKind<Target = Record<string, unknown>, Expect = Record<string, unknown>> {
  kind: string;
  description: string;
  /** A YAML example of a rule of this kind, shown in `sfaudit kinds` and the README. */
  example: string;
  targetSchema: Record<string, unknown>;
  expectSchema: Record<string, unknown>;
  /** Checks the schema cannot express (bad regex, unknown object); paths relative to the rule. */
  validate?(rule: Rule<Target, Expect>): Array<Omit<ConfigIssue, 'file' | 'line' | 'column'>>;
  /**
   * Everything the check reads, object children included: a check that compares fields by label needs
   * `{ type: 'CustomField', object }`, one that reads list views `{ type: 'ListView', object }`. A live
   * read with a cache versions each object only by the children its rules need, so a child read but not
   * declared may be stale (test/engine/needs.test.ts scrambles undeclared children to catch that).
   */
  needs(rule: Rule<Target, Expect>): Need[];
  /**
   * The check reads nothing of the org but the components `needs` names: no other object's labels, no
   * app or record page resolution, no records, no links. A live read may then check such a rule as soon
   * as those components are in, while its other reads are on the way (src/engine/ahead.ts;
   * test/engine/ahead.test.ts checks it on a model holding only what each rule needs).
   */
  readsOnlyNeeds?: boolean;
  /** Configuration checks answer at once; data rules (records, links) query and fetch, so may be async. */
  check(rule: Rule<Target, Expect>, ctx: CheckContext): Outcome[] | Promise<Outcome[]>;
  /**
   * Data rules: the record queries `check` will make, worked out from the model alone. A kind with
   * `queries` reads nothing of the org but its objects' fields, its records and links, so a live read
   * checks its rules as soon as their objects are read, alongside the rest of its reads: `check` sends
   * these then and ends as their answers come (src/engine/data-ahead.ts; test/engine/data-ahead.test.ts
   * checks them on the objects alone). Without the audit's link checks to do that, the read sends these
   * queries then, and `check`, in the audit, takes their answers.
   */
  queries?(rule: Rule<Target, Expect>, ctx: CheckContext): RecordQuery[];
  /** A note the report shows once when this kind is used (what it can and cannot see). */
  note?: string;
}

export type AnyCheckKind = CheckKind<any, any>;

export type { JSONSchemaType };

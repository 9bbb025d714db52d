/**
 * Small in-memory orgs for rule-kind tests, built through the real mapping path:
 * raw records shaped like Metadata API records go through `ingest()`, exactly as
 * the folder reader and the live reader do, so a test exercises the mappers too.
 *
 * Values may be written the way jsforce returns them (children as arrays) or the
 * way fast-xml-parser does (a single child as an object); the mappers accept both.
 */
import { Ajv } from 'ajv';
import { ingest } from '../../src/model/ingest.js';
import type { ModelledType } from '../../src/model/metadata-types.js';
import type { Raw } from '../../src/model/raw.js';
import { emptyOrg, type LoadProblem, type OrgModel } from '../../src/model/types.js';
import { CHECK_KINDS } from '../../src/checks/index.js';
import { fieldResolver } from '../../src/checks/fields.js';
import { toAliases, type RawAliases } from '../../src/ruleset/aliases.js';
import type { Rule, Severity } from '../../src/ruleset/types.js';
import type { Outcome } from '../../src/report/finding.js';

export interface RawOrg {
  /** CustomObject records by object name; may nest fields, listViews, compactLayouts and webLinks. */
  objects?: Record<string, Raw>;
  /** Object children read one by one (source-format files, readMetadata of the child type), keyed `Object.Name`. */
  fields?: Record<string, Raw>;
  listViews?: Record<string, Raw>;
  compactLayouts?: Record<string, Raw>;
  webLinks?: Record<string, Raw>;
  /** Layouts by full name as the Metadata API spells it, e.g. `Account-Account Layout`. */
  layouts?: Record<string, Raw>;
  profiles?: Record<string, Raw>;
  apps?: Record<string, Raw>;
  flexiPages?: Record<string, Raw>;
  /** Load problems, as a reader records a file or component it could not read. */
  problems?: LoadProblem[];
}

const TYPES: Array<[keyof RawOrg, ModelledType, string]> = [
  // Objects first, as the folder reader does, so children merge into them.
  ['objects', 'CustomObject', 'objects'],
  ['fields', 'CustomField', 'fields'],
  ['listViews', 'ListView', 'listViews'],
  ['compactLayouts', 'CompactLayout', 'compactLayouts'],
  ['webLinks', 'WebLink', 'webLinks'],
  ['layouts', 'Layout', 'layouts'],
  ['profiles', 'Profile', 'profiles'],
  ['apps', 'CustomApplication', 'applications'],
  ['flexiPages', 'FlexiPage', 'flexipages'],
];

/** Line the fake locator gives the n-th `<tag>` of a file, so tests can tell which part a finding points at. */
export const lineOf = (index: number): number => 100 + index;

/** Builds an org model from raw records; every component gets a source file `<dir>/<fullName>` (line 1). */
export function buildOrg(raw: RawOrg = {}): OrgModel {
  const org = emptyOrg({ kind: 'folder', location: 'in-memory' });
  for (const [key, type, dir] of TYPES) {
    for (const [fullName, record] of Object.entries((raw[key] as Record<string, Raw> | undefined) ?? {})) {
      ingest(org, type, fullName, record, { file: `${dir}/${fullName}`, line: 1 }, (_tag, index) => lineOf(index));
    }
  }
  org.problems.push(...(raw.problems ?? []));
  return org;
}

// ── Raw record shorthands (each returns what the Metadata API would hold) ──

/** A layout item cell: a field API name, `link:Name` for a custom link, or '' for a blank space. */
function cell(ref: string): Raw {
  if (ref === '') return { emptySpace: true };
  if (ref.startsWith('link:')) return { customLink: ref.slice('link:'.length) };
  return { behavior: 'Edit', field: ref };
}

/** A `layoutSections` entry; each column lists its cells top to bottom. */
export function section(label: string, style: string | undefined, ...columns: string[][]): Raw {
  return {
    customLabel: true,
    detailHeading: true,
    editHeading: true,
    label,
    layoutColumns: columns.map((c) => ({ layoutItems: c.map(cell) })),
    ...(style ? { style } : {}),
  };
}

/** A Layout record. */
export function layout(sections: Raw[], relatedLists: string[] = []): Raw {
  return { layoutSections: sections, relatedLists: relatedLists.map((relatedList) => ({ fields: ['NAME'], relatedList })) };
}

/** A CustomField record nested in its object (fullName without the object). */
export function field(fullName: string, label: string, type = 'Text'): Raw {
  return { fullName, label, type };
}

// ── Rules, as the ruleset loader builds them ──

export interface RuleOptions {
  id?: string;
  step?: string;
  severity?: Severity;
  aliases?: RawAliases;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();
function validator(schema: Record<string, unknown>): ReturnType<typeof ajv.compile> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * A rule as `loadRuleset` would produce it. Target and expect are checked against
 * the kind's own schema (and its `validate`), so tests only use configurations a
 * rules author could actually write.
 */
export function rule(kind: string, target: Record<string, unknown>, expect: Record<string, unknown>, options: RuleOptions = {}): Rule {
  const checkKind = CHECK_KINDS[kind];
  if (!checkKind) throw new Error(`no rule kind ${kind}`);
  const built: Rule = {
    id: options.id ?? `test-${kind}`,
    step: options.step ?? `a ${kind} step`,
    severity: options.severity ?? 'error',
    kind,
    target,
    expect,
    aliases: toAliases(options.aliases),
    position: { file: 'rules/test.yaml', line: 3, column: 5 },
  };
  for (const [part, schema] of [['target', checkKind.targetSchema], ['expect', checkKind.expectSchema]] as const) {
    const validate = validator(schema);
    if (!validate(built[part])) throw new Error(`test rule has an invalid ${part}: ${ajv.errorsText(validate.errors)}`);
  }
  const issues = checkKind.validate?.(built) ?? [];
  if (issues.length) throw new Error(`test rule is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return built;
}

/** Runs one configuration rule's check directly, with the context `audit()` gives it (these kinds answer at once). */
export function runCheck(r: Rule, org: OrgModel): Outcome[] {
  const outcomes = CHECK_KINDS[r.kind]!.check(r, { org, fields: fieldResolver(org) });
  if (outcomes instanceof Promise) throw new Error(`${r.kind} checks asynchronously: run it through audit()`);
  return outcomes;
}

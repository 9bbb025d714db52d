/**
 * What the generated org holds, decided before any file is written: names,
 * fields, layouts, list views. Profiles and apps refer to the objects, so the
 * whole plan is built first; each file is then rendered from it alone.
 */
import { derive, type Random } from './random.js';
import { APP_WORDS, FIELD_WORDS, OBJECT_FIRST, OBJECT_SECOND, PROFILE_EXTRAS, PROFILE_REGIONS, PROFILE_ROLES } from './words.js';

export interface Shape {
  /** Generated custom objects (the ritual's five objects come on top). */
  objects: number;
  fieldsPerObject: number;
  layoutsPerObject: number;
  listViewsPerObject: number;
  /** Profiles in all, Admin and Standard (from the ritual fixture) included. */
  profiles: number;
  /** Generated Lightning apps (the ritual's Fleet Sales comes on top). */
  apps: number;
  /** Generated record pages, one per object from the first. */
  recordPages: number;
  /** Generated custom links (WebLink), two per object from the first. */
  customLinks: number;
  /** Every profile file is at least this big, like real ones (pmmOrgDump's run 100-150 KB). */
  profileMinBytes: number;
}

/** The big org: a hundred times the ritual sample. */
export const FULL_SHAPE: Shape = {
  objects: 300,
  fieldsPerObject: 15,
  layoutsPerObject: 5,
  listViewsPerObject: 10,
  profiles: 150,
  apps: 30,
  recordPages: 300,
  customLinks: 60,
  profileMinBytes: 100 * 1024,
};

/** A few of everything, for tests. */
export const SMALL_SHAPE: Shape = {
  objects: 12,
  fieldsPerObject: 6,
  layoutsPerObject: 5,
  listViewsPerObject: 4,
  profiles: 6,
  apps: 3,
  recordPages: 10,
  customLinks: 4,
  profileMinBytes: 8 * 1024,
};

export type FieldType = 'Text' | 'Number' | 'Currency' | 'Checkbox' | 'Date' | 'Picklist' | 'Url' | 'Email' | 'Phone' | 'LongTextArea' | 'Lookup';

export interface FieldPlan {
  name: string;
  label: string;
  type: FieldType;
  /** For lookups: the object pointed at. */
  references?: string;
}

export interface ListViewPlan {
  name: string;
  label: string;
}

export interface ObjectPlan {
  name: string;
  label: string;
  plural: string;
  fields: FieldPlan[];
  /** Layout full names, `Object-Name` with Salesforce's %-encoding. */
  layouts: string[];
  listViews: ListViewPlan[];
  compactLayout: string;
  webLinks: string[];
  recordPage?: string;
}

export interface OrgPlan {
  seed: number;
  shape: Shape;
  objects: ObjectPlan[];
  /** Generated profile full names (Admin and Standard are added from the ritual fixture). */
  profiles: string[];
  apps: Array<{ name: string; label: string }>;
}

/** The ritual's components, copied from fixtures/orgs/fleet-clean; named here so profiles and apps can refer to them. */
export const RITUAL_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'Related_Contact__c'] as const;
export const RITUAL_APP = 'Fleet_Sales';
export const RITUAL_PROFILES = ['Admin', 'Standard'] as const;

const LAYOUT_VARIANTS = ['Layout', 'Partner Layout', 'Support Layout', 'Read-Only Layout', 'Sales %26 Service Layout'];

const LIST_VIEWS: ListViewPlan[] = [
  { name: 'All', label: 'All' },
  { name: 'My_Records', label: 'My records' },
  { name: 'Recently_Created', label: 'Recently created' },
  { name: 'Active', label: 'Active' },
  { name: 'High_Priority', label: 'High priority' },
  { name: 'Due_This_Week', label: 'Due this week' },
  { name: 'Closed', label: 'Closed' },
  { name: 'Escalated', label: 'Escalated' },
  { name: 'Unassigned', label: 'Unassigned' },
  { name: 'Team_View', label: 'Team view' },
];

const TYPE_HINTS: Array<[RegExp, FieldType]> = [
  [/Date|On$|Last Review/, 'Date'],
  [/Amount|Value|Cost|Margin|Discount/, 'Currency'],
  [/Quantity|Days|Score|Weight|Rate/, 'Number'],
  [/^Is |Escalated/, 'Checkbox'],
  [/Status|Stage|Phase|Type|Category|Tier|Level|Priority|Source|Country|Reason/, 'Picklist'],
  [/URL|Link/, 'Url'],
  [/Email/, 'Email'],
  [/Phone/, 'Phone'],
  [/Comments|Summary|Notes/, 'LongTextArea'],
];

function apiName(label: string): string {
  return `${label.replace(/[^A-Za-z0-9]+/g, '_')}__c`;
}

function fieldType(label: string): FieldType {
  return TYPE_HINTS.find(([re]) => re.test(label))?.[1] ?? 'Text';
}

function objectNames(seed: number, count: number): Array<{ name: string; label: string }> {
  const pairs: Array<{ name: string; label: string }> = [];
  for (const first of OBJECT_FIRST) for (const second of OBJECT_SECOND) pairs.push({ name: `${first}_${second}__c`, label: `${first} ${second}` });
  const picked = derive(seed, 'object-names').sample(pairs, Math.min(count, pairs.length));
  // Past the vocabulary, numbered objects keep the count exact.
  for (let i = picked.length; i < count; i++) picked.push({ name: `Extra_Object_${i}__c`, label: `Extra Object ${i}` });
  return picked;
}

function planFields(random: Random, count: number, others: string[]): FieldPlan[] {
  const fields: FieldPlan[] = random.sample(FIELD_WORDS, count).map((label) => ({ name: apiName(label), label, type: fieldType(label) }));
  // One lookup to another generated object, as most custom objects have.
  const target = others.length ? random.pick(others) : undefined;
  if (target && fields.length) {
    const last = fields[fields.length - 1] as FieldPlan;
    const parentLabel = target.replace(/__c$/, '').replace(/_/g, ' ');
    fields[fields.length - 1] = { ...last, name: apiName(`Parent ${parentLabel}`), label: `Parent ${parentLabel}`, type: 'Lookup', references: target };
  }
  return fields;
}

function layoutNames(object: { name: string; label: string }, count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const variant = LAYOUT_VARIANTS[i] ?? `Layout ${i + 1}`;
    names.push(`${object.name}-${object.label} ${variant}`);
  }
  return names;
}

function listViews(count: number): ListViewPlan[] {
  const out = LIST_VIEWS.slice(0, count);
  for (let i = out.length; i < count; i++) out.push({ name: `View_${i + 1}`, label: `View ${i + 1}` });
  return out;
}

function profileNames(count: number): string[] {
  const names: string[] = [];
  for (const role of PROFILE_ROLES) for (const region of PROFILE_REGIONS) names.push(`${role} ${region}`);
  names.push(...PROFILE_EXTRAS);
  for (let i = names.length; i < count; i++) names.push(`Custom Profile ${i + 1}`);
  return names.slice(0, count);
}

function appNames(count: number): Array<{ name: string; label: string }> {
  const out: Array<{ name: string; label: string }> = [];
  for (let i = 0; i < count; i++) {
    const label = APP_WORDS[i] ?? `App ${i + 1}`;
    out.push({ name: label.replace(/[^A-Za-z0-9]+/g, '_'), label });
  }
  return out;
}

export function planOrg(seed: number, shape: Shape = FULL_SHAPE): OrgPlan {
  const names = objectNames(seed, shape.objects);
  const all = names.map((n) => n.name);
  const objects = names.map((n, index): ObjectPlan => {
    const random = derive(seed, `object:${n.name}`);
    const webLinkCount = Math.max(0, Math.min(2, shape.customLinks - index * 2));
    return {
      ...n,
      plural: `${n.label}s`,
      fields: planFields(random, shape.fieldsPerObject, all.filter((o) => o !== n.name)),
      layouts: layoutNames(n, shape.layoutsPerObject),
      listViews: listViews(shape.listViewsPerObject),
      compactLayout: `${n.name.replace(/__c$/, '')}_Highlights`,
      webLinks: Array.from({ length: webLinkCount }, (_, i) => (i === 0 ? 'Open_In_Portal' : 'Print_Summary')),
      ...(index < shape.recordPages ? { recordPage: `${n.name.replace(/__c$/, '')}_Record_Page` } : {}),
    };
  });
  // Profiles besides Admin and Standard, which come from the ritual fixture.
  return { seed, shape, objects, profiles: profileNames(Math.max(0, shape.profiles - RITUAL_PROFILES.length)), apps: appNames(shape.apps) };
}

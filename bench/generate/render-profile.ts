/**
 * Profiles, as big as real ones: a real org's profile lists permissions on
 * hundreds of fields, a layout assignment per object, user permissions...
 * (pmmOrgDump's run 100-150 KB each). Admin and Standard come from the ritual
 * fixture and get the generated objects' entries merged in, tabs untouched.
 */
import type { Random } from './random.js';
import { renderBlocks, type Node } from './xml.js';
import { RITUAL_APP, type ObjectPlan, type OrgPlan } from './plan.js';
import type { RenderedFile } from './render-object.js';
import { APEX_CLASSES, USER_PERMISSIONS } from './words.js';

const STANDARD_APPS = ['standard__AppLauncher', 'standard__Chatter', 'standard__Community', 'standard__Content', 'standard__LightningSales', 'standard__Sales', 'standard__Service'];

interface Block {
  element: string;
  xml: string;
}

function blocks(nodes: Node[]): Block[] {
  const xml = renderBlocks(nodes);
  return nodes.map((n, i) => ({ element: n[0], xml: xml[i] as string }));
}

function objectPermissions(object: string, full: boolean): Node {
  return [
    'objectPermissions',
    [
      ['allowCreate', full],
      ['allowDelete', full],
      ['allowEdit', full],
      ['allowRead', true],
      ['modifyAllRecords', full],
      ['object', object],
      ['viewAllRecords', full],
    ],
  ];
}

function fieldPermissions(object: ObjectPlan, field: string, editable: boolean): Node {
  return ['fieldPermissions', [['editable', editable], ['field', `${object.name}.${field}`], ['readable', true]]];
}

/** Entries about the generated objects every profile carries; `budget` grows field permissions until the file is big enough. */
function generatedEntries(plan: OrgPlan, random: Random, minBytes: number, base: number, admin: boolean): Block[] {
  const out: Block[] = [];
  let size = base;
  const add = (nodes: Node[]) => {
    for (const b of blocks(nodes)) {
      out.push(b);
      size += b.xml.length;
    }
  };
  add(plan.objects.map((o) => ['layoutAssignments', [['layout', admin ? (o.layouts[0] ?? '') : random.pick(o.layouts)]]] as Node));
  add(random.sample(plan.objects, admin ? plan.objects.length : Math.ceil(plan.objects.length / 3)).map((o) => objectPermissions(o.name, admin || random.chance(0.3))));
  // Field permissions, object by object in a random order, until the profile is as big as real ones.
  for (const object of random.sample(plan.objects, plan.objects.length)) {
    if (size >= minBytes && !admin) break;
    add(object.fields.filter((f) => f.type !== 'Checkbox' || random.chance(0.5)).map((f) => fieldPermissions(object, f.name, admin || random.chance(0.6))));
  }
  return out;
}

function sortBlocks(all: Block[]): string {
  // Salesforce writes a profile's elements alphabetically; the sort is stable, so entries keep their order within an element.
  const sorted = all.slice().sort((a, b) => (a.element < b.element ? -1 : a.element > b.element ? 1 : 0));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${sorted.map((b) => b.xml).join('')}</Profile>\n`;
}

export function renderProfile(name: string, plan: OrgPlan, random: Random): RenderedFile {
  const apps = [RITUAL_APP, ...plan.apps.map((a) => a.name), ...STANDARD_APPS];
  const defaultApp = random.pick(apps);
  const head = blocks([
    ...apps.map((a): Node => ['applicationVisibilities', [['application', a], ['default', a === defaultApp], ['visible', a === defaultApp || random.chance(0.6)]]]),
    ...random.sample(APEX_CLASSES, random.int(10, APEX_CLASSES.length)).sort().map((c): Node => ['classAccesses', [['apexClass', c], ['enabled', true]]]),
    ['custom', true],
    ...random.sample(plan.objects, Math.ceil(plan.objects.length / 3)).map((o): Node => ['tabVisibilities', [['tab', o.name], ['visibility', random.pick(['DefaultOn', 'DefaultOff', 'Hidden'])]]]),
    ['userLicense', name.includes('Community') ? 'Customer Community' : name.includes('Chatter') ? 'Chatter Free' : 'Salesforce'],
    ...random.sample(USER_PERMISSIONS, random.int(60, USER_PERMISSIONS.length)).sort().map((p): Node => ['userPermissions', [['enabled', true], ['name', p]]]),
  ]);
  const headSize = head.reduce((n, b) => n + b.xml.length, 0);
  return { path: `profiles/${name}.profile-meta.xml`, text: sortBlocks([...head, ...generatedEntries(plan, random, plan.shape.profileMinBytes, headSize, false)]) };
}

/** Top-level blocks of a profile file written with Salesforce's 4-space indent. */
function splitBlocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^ {4}<(\w+)>(?:[^\n]*<\/\1>\n|\n[\s\S]*?^ {4}<\/\1>\n)/gm;
  for (const m of text.matchAll(re)) out.push({ element: m[1] as string, xml: m[0] });
  return out;
}

/**
 * The ritual fixture's Admin or Standard profile with the generated objects
 * merged in. Generated tabs are Hidden for Standard (the ritual says a standard
 * user sees four tabs) and DefaultOn for Admin.
 */
export function mergeRitualProfile(name: string, original: string, plan: OrgPlan, random: Random): RenderedFile {
  const admin = name === 'Admin';
  const own = splitBlocks(original);
  const extra = [
    ...blocks(plan.apps.map((a): Node => ['applicationVisibilities', [['application', a.name], ['default', false], ['visible', admin]]])),
    ...blocks(plan.objects.map((o): Node => ['tabVisibilities', [['tab', o.name], ['visibility', admin ? 'DefaultOn' : 'Hidden']]])),
    ...blocks(USER_PERMISSIONS.filter((p) => !original.includes(`<name>${p}</name>`) && (admin || random.chance(0.3))).map((p): Node => ['userPermissions', [['enabled', true], ['name', p]]])),
  ];
  const base = [...own, ...extra].reduce((n, b) => n + b.xml.length, 0);
  return { path: `profiles/${name}.profile-meta.xml`, text: sortBlocks([...own, ...extra, ...generatedEntries(plan, random, plan.shape.profileMinBytes, base, admin)]) };
}

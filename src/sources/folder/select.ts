import type { Need } from '../../checks/kind.js';
import { childByType } from '../../model/metadata-types.js';
import { layoutObject, splitChildName } from '../../model/names.js';
import { planFetch } from '../org/fetch-plan.js';
import type { MetadataFile } from './scan.js';


/**
 * The files of a folder that hold what the rules need, chosen from the plan the live reader fetches by
 * (`planFetch`), so that both read the same components: a big org's folder is mostly profiles, and a
 * ritual needs one. Where the live reader would look further than the plan's names, so does this:
 * - an object's files with all its children, as an object's record nests them all;
 * - a named component with no file of that name (the rule may name it by label): every file of the type;
 * - record pages: every page and every app (the page shown is found through the object, then the apps);
 * - object labels for tab names: every object's own file.
 * Records and files of types the model does not hold are always read, as without a selection.
 */
export function selectFiles(needs: Need[], files: readonly MetadataFile[]): MetadataFile[] {
  const plan = planFetch(needs);
  const planned = new Set<string>(plan.types.map((t) => t.type));
  const key = (name: string) => name.toLowerCase();
  const present = new Map<string, Set<string>>();
  const add = (type: string, name: string) => {
    let names = present.get(type);
    if (!names) present.set(type, (names = new Set()));
    names.add(key(name));
  };
  for (const f of files) {
    add(f.type, f.fullName);
    // An object is there with its children alone (a standard object retrieved for its fields).
    if (childByType(f.type)) add('CustomObject', splitChildName(f.fullName).object);
  }

  const everyOf = new Set<string>();
  const named = new Map<string, Set<string>>();
  const layoutObjects = new Set<string>();
  for (const fetch of plan.types) {
    if (fetch.list && 'all' in fetch.list) everyOf.add(fetch.type);
    if (fetch.list && 'objects' in fetch.list) for (const o of fetch.list.objects) layoutObjects.add(key(o));
    const names = new Set(fetch.names.map(key));
    named.set(fetch.type, names);
    // Named but not there under that name: looked up among all of them, as the live reader does.
    if ([...names].some((n) => !present.get(fetch.type)?.has(n))) everyOf.add(fetch.type);
  }
  if (plan.recordPages.length > 0) everyOf.add('FlexiPage').add('CustomApplication');
  const objects = named.get('CustomObject') ?? new Set<string>();
  const allObjects = everyOf.has('CustomObject');

  const wanted = (f: MetadataFile): boolean => {
    if (f.type === 'records' || f.type === 'parsed-only') return true;
    if (childByType(f.type)) return allObjects || objects.has(key(splitChildName(f.fullName).object));
    if (f.type === 'CustomObject' && plan.objectLabels) return true;
    if (everyOf.has(f.type) || named.get(f.type)?.has(key(f.fullName))) return true;
    if (!planned.has(f.type)) return false;
    return f.type === 'Layout' && layoutObjects.has(key(layoutObject(f.fullName)));
  };
  return files.filter(wanted);
}

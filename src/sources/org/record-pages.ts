import { mapCustomApp } from '../../model/map-profile-app.js';
import { recordPageOverride } from '../../model/map-object.js';
import type { Raw } from '../../model/raw.js';
import { assignedRecordPage } from '../../model/record-page-assignment.js';

/** What finding an object's record page takes from the reader; each step reads only when asked. */
export interface RecordPageSteps {
  /** Objects as read (waits for their reads); an object missing here has no record to look in. */
  objects(): Promise<ReadonlyMap<string, Raw>>;
  /** Every app, read once however often asked; why not, when some could not be listed or read. */
  apps(): Promise<ReadonlyMap<string, Raw> | string>;
  readPages(names: string[]): Promise<void>;
  /** Lists and reads every FlexiPage: the last step, for objects no setting assigns a page to. */
  readAllPages(cannotList: (message: string) => void): Promise<void>;
  /** The page shown for `object` cannot be told: its rules must say so (error), not guess. */
  cannotTell(object: string, message: string): void;
}

/**
 * Reads the record page shown for each object as the record-page check finds it
 * (`assignedRecordPage`, then the object's only record page): the page its View
 * override names, read by name after the object; the apps only for objects with
 * no override; every record page only for objects no app assigns one to. On an
 * org where objects set their page, that is one read per 10 objects instead of
 * every page and app in the org.
 */
export async function readRecordPages(objects: readonly string[], steps: RecordPageSteps): Promise<void> {
  if (objects.length === 0) return;
  const raws = await steps.objects();
  const byOverride: string[] = [];
  const open: string[] = [];
  for (const object of objects) {
    const raw = raws.get(object);
    // No record (a standard object the org keeps no metadata for): its page may still be assigned in an app.
    const assigned = raw ? assignedRecordPage(object, { recordPageOverride: recordPageOverride(raw) }, []) : undefined;
    if (assigned) byOverride.push(assigned.page);
    else open.push(object);
  }
  await Promise.all([steps.readPages(unique(byOverride)), open.length ? fromApps(open, steps) : undefined]);
}

async function fromApps(objects: string[], steps: RecordPageSteps): Promise<void> {
  const raws = await steps.apps();
  if (typeof raws === 'string') {
    for (const object of objects) steps.cannotTell(object, `could not read the apps that may assign the record page of ${object}: ${raws}`);
    return;
  }
  const apps = [...raws].map(([name, raw]) => mapCustomApp(raw, name));
  const pages: string[] = [];
  const unassigned: string[] = [];
  for (const object of objects) {
    const assigned = assignedRecordPage(object, undefined, apps);
    if (assigned) pages.push(assigned.page);
    else unassigned.push(object);
  }
  // Every page is looked at only for the objects no setting assigns one to: a failed listing is theirs alone.
  const cannotList = (message: string) => unassigned.forEach((object) => steps.cannotTell(object, message));
  await Promise.all([steps.readPages(unique(pages)), unassigned.length ? steps.readAllPages(cannotList) : undefined]);
}

function unique(names: string[]): string[] {
  return [...new Set(names)].sort();
}

import type { CustomApp, SObject } from './types.js';

/** What of an object says which page it shows: its View override. */
type PageSetting = Pick<SObject, 'recordPageOverride'>;

export interface AssignedRecordPage {
  /** FlexiPage API name. */
  page: string;
  /** How it was found, for findings: "org default for Account (Account_Record_Page)". */
  how: string;
  /** Set on the object itself (its View action override), not in an app. */
  orgDefault: boolean;
}

/**
 * The record page assigned to an object for desktop users: the org default set
 * on the object's View action, else an app default. Shared by the record-page
 * check and the live reader, which reads only the page this names (and the apps
 * only when the object sets none), so both find the same page.
 * Record-type and profile assignments are not modelled.
 */
export function assignedRecordPage(objectName: string, object: PageSetting | undefined, apps: Iterable<CustomApp>): AssignedRecordPage | undefined {
  const override = object?.recordPageOverride;
  if (override) return { page: override, how: `org default for ${objectName} (${override})`, orgDefault: true };
  for (const app of apps) {
    // Desktop (`Large`) assignments only: a phone assignment says nothing about what desktop users see.
    const assignment = app.recordPageAssignments.find(
      (a) => a.sobject === objectName && !a.profile && !a.recordType && (a.formFactor ?? 'Large') === 'Large',
    );
    if (assignment) return { page: assignment.page, how: `app default in ${app.name} (${assignment.page})`, orgDefault: false };
  }
  return undefined;
}

const RECORD_PAGE_OF = ' record page';

/** How findings and load problems name "the record page shown for this object", whichever page that is. */
export function recordPageOf(object: string): string {
  return `${object}${RECORD_PAGE_OF}`;
}

export function isRecordPageOf(component: string): boolean {
  return component.endsWith(RECORD_PAGE_OF);
}

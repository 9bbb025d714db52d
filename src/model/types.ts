/**
 * The typed org model. Every metadata source (a retrieved folder, a live org)
 * produces this shape, so checks never know where the metadata came from.
 */

/** Where a component (or a part of one) was read from: a file and line for folders, nothing for a live org. */
export interface SourceRef {
  file?: string;
  line?: number;
}

export interface Field {
  /** API name, e.g. `LinkedIn_Company_URL__c` or `BillingAddress`. */
  name: string;
  label?: string;
  /** Metadata API type name, e.g. `Url`, `Text`, `Picklist` (live describe types are mapped onto these). */
  type?: string;
  source?: SourceRef;
}

export interface ListViewFilter {
  field: string;
  operation: string;
  value?: string;
}

export interface ListView {
  object: string;
  name: string;
  label?: string;
  filterScope?: string;
  filters: ListViewFilter[];
  booleanFilter?: string;
  columns: string[];
  /** Groups, roles and the like this view is shared with; empty means visible to all users. */
  sharedTo: string[];
  source?: SourceRef;
}

export interface CompactLayout {
  object: string;
  name: string;
  label?: string;
  fields: string[];
  source?: SourceRef;
}

export interface WebLink {
  object: string;
  name: string;
  label?: string;
  url?: string;
  linkType?: string;
  displayType?: string;
  openType?: string;
  source?: SourceRef;
}

export interface SObject {
  name: string;
  label?: string;
  pluralLabel?: string;
  fields: Map<string, Field>;
  listViews: Map<string, ListView>;
  compactLayouts: Map<string, CompactLayout>;
  webLinks: Map<string, WebLink>;
  /** `compactLayoutAssignment`; `SYSTEM` or absent means the system default. */
  compactLayoutAssignment?: string;
  /** The FlexiPage set as the org default for the View action, if any. */
  recordPageOverride?: string;
  source?: SourceRef;
}

export interface LayoutItem {
  field?: string;
  customLink?: string;
  behavior?: string;
}

export interface LayoutSection {
  label: string;
  style?: string;
  /** Columns as stored, blank cells included as empty items; `readingOrder` gives the order a person reads them. */
  columns: LayoutItem[][];
  source?: SourceRef;
}

export interface RelatedListRef {
  name: string;
  source?: SourceRef;
}

export interface Layout {
  /** Full name as the Metadata API spells it (Salesforce %-encoding kept), e.g. `Account-Account Layout`. */
  fullName: string;
  object: string;
  /** Decoded layout name without the object prefix, e.g. `Account Layout`. */
  name: string;
  sections: LayoutSection[];
  relatedLists: RelatedListRef[];
  source?: SourceRef;
}

export interface ComponentInstance {
  name: string;
  identifier?: string;
  properties: Record<string, string>;
}

export interface FlexiPageRegion {
  name: string;
  type?: string;
  components: ComponentInstance[];
  source?: SourceRef;
}

export interface FlexiPage {
  name: string;
  label?: string;
  type?: string;
  sobjectType?: string;
  template?: string;
  regions: FlexiPageRegion[];
  source?: SourceRef;
}

export interface TabVisibility {
  tab: string;
  visibility: string;
}

export interface Profile {
  /** API name (`Standard` for the Standard User profile). */
  name: string;
  tabVisibilities: TabVisibility[];
  source?: SourceRef;
}

export interface RecordPageAssignment {
  /** Object the page is assigned for. */
  sobject: string;
  page: string;
  formFactor?: string;
  profile?: string;
  recordType?: string;
}

export interface CustomApp {
  name: string;
  label?: string;
  tabs: string[];
  recordPageAssignments: RecordPageAssignment[];
  source?: SourceRef;
}

export interface DataRecord {
  object: string;
  id?: string;
  fields: Record<string, unknown>;
  source?: SourceRef;
}

/** A file or component that could not be read: checks that need it report `error`, never pass. */
export interface LoadProblem {
  metadataType?: string;
  component?: string;
  file?: string;
  message: string;
}

export interface OrgModel {
  /** Human description of where this came from, e.g. the folder path or the instance URL. */
  origin: { kind: 'folder' | 'org'; location: string };
  objects: Map<string, SObject>;
  layouts: Map<string, Layout>;
  profiles: Map<string, Profile>;
  apps: Map<string, CustomApp>;
  flexiPages: Map<string, FlexiPage>;
  records: DataRecord[];
  problems: LoadProblem[];
}

export function emptyOrg(origin: OrgModel['origin']): OrgModel {
  return {
    origin,
    objects: new Map(),
    layouts: new Map(),
    profiles: new Map(),
    apps: new Map(),
    flexiPages: new Map(),
    records: [],
    problems: [],
  };
}

export function emptyObject(name: string): SObject {
  return { name, fields: new Map(), listViews: new Map(), compactLayouts: new Map(), webLinks: new Map() };
}

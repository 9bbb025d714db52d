/**
 * The metadata types sfaudit reads, and where each lives in the two folder
 * formats Salesforce tools write: DX source format (`force-app/main/default`)
 * and Metadata API format (what `sf project retrieve --target-metadata-dir` unzips).
 * The folder reader, the live reader and the snapshot writer all use this table.
 */
export type TopLevelType = 'Layout' | 'Profile' | 'CustomApplication' | 'FlexiPage' | 'CustomObject';
export type ChildType = 'CustomField' | 'ListView' | 'CompactLayout' | 'WebLink';
export type ModelledType = TopLevelType | ChildType;

export interface TopLevelSpec {
  type: TopLevelType;
  /** Folder in both formats. */
  dir: string;
  /** File suffix in Metadata API format; source format appends `-meta.xml`. */
  suffix: string;
}

export const TOP_LEVEL_TYPES: readonly TopLevelSpec[] = [
  { type: 'Layout', dir: 'layouts', suffix: 'layout' },
  { type: 'Profile', dir: 'profiles', suffix: 'profile' },
  { type: 'CustomApplication', dir: 'applications', suffix: 'app' },
  { type: 'FlexiPage', dir: 'flexipages', suffix: 'flexipage' },
  { type: 'CustomObject', dir: 'objects', suffix: 'object' },
];

export interface ChildSpec {
  type: ChildType;
  /** Element name nested in a CustomObject, and the source-format folder under `objects/<Object>/`. */
  key: 'fields' | 'listViews' | 'compactLayouts' | 'webLinks';
  /** Source-format file suffix before `-meta.xml`. */
  suffix: string;
}

export const CHILD_TYPES: readonly ChildSpec[] = [
  { type: 'CustomField', key: 'fields', suffix: 'field' },
  { type: 'ListView', key: 'listViews', suffix: 'listView' },
  { type: 'CompactLayout', key: 'compactLayouts', suffix: 'compactLayout' },
  { type: 'WebLink', key: 'webLinks', suffix: 'webLink' },
];

/**
 * Types that can appear in a retrieve but that no rule reads. The folder reader
 * still parses them (a broken file is reported, not skipped) and then sets them aside.
 */
export const PARSED_ONLY_SUFFIXES: readonly string[] = [
  'tab',
  'custompageweblink',
  'weblink',
  'recordType',
  'validationRule',
  'businessProcess',
  'fieldSet',
  'sharingReason',
  'index',
];

export function topLevelByDir(dir: string): TopLevelSpec | undefined {
  return TOP_LEVEL_TYPES.find((t) => t.dir === dir);
}

const CHILD_BY_TYPE = new Map<string, ChildSpec>(CHILD_TYPES.map((c) => [c.type, c]));

/** The spec of a child type (fields, list views ... nested in their object's record); `undefined` for any other type. */
export function childByType(type: string): ChildSpec | undefined {
  return CHILD_BY_TYPE.get(type);
}

export function childByKey(key: string): ChildSpec | undefined {
  return CHILD_TYPES.find((c) => c.key === key);
}

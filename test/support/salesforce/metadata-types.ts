/**
 * The metadata types the emulator serves, and how each maps between Salesforce
 * DX source format (what is on disk) and Metadata API format (what listMetadata
 * reports as `fileName`). Directory names, suffixes and child element names are
 * those of the Salesforce Metadata API Developer Guide (metadata type pages)
 * and Salesforce CLI's source registry.
 */

export interface TopLevelType {
  xmlName: string;
  /** Metadata API directory, also the source-format folder. */
  directoryName: string;
  /** Metadata API file suffix: `layouts/X.layout`. */
  suffix: string;
  /** Source-format file suffix: `X.layout-meta.xml`. */
  sourceSuffix: string;
  /** Id key prefix of the setup entity (for listMetadata ids). */
  keyPrefix: string;
}

export interface ChildType {
  xmlName: string;
  /** Element of CustomObject that nests this child on read, also the source subfolder `objects/<Obj>/<element>/`. */
  element: string;
  sourceSuffix: string;
  keyPrefix: string;
}

export const TOP_LEVEL_TYPES: readonly TopLevelType[] = [
  { xmlName: 'CustomApplication', directoryName: 'applications', suffix: 'app', sourceSuffix: 'app', keyPrefix: '02u' },
  { xmlName: 'CustomObject', directoryName: 'objects', suffix: 'object', sourceSuffix: 'object', keyPrefix: '01I' },
  { xmlName: 'CustomPageWebLink', directoryName: 'weblinks', suffix: 'weblink', sourceSuffix: 'custompageweblink', keyPrefix: '00b' },
  { xmlName: 'CustomTab', directoryName: 'tabs', suffix: 'tab', sourceSuffix: 'tab', keyPrefix: '01r' },
  { xmlName: 'FlexiPage', directoryName: 'flexipages', suffix: 'flexipage', sourceSuffix: 'flexipage', keyPrefix: '0M0' },
  { xmlName: 'Layout', directoryName: 'layouts', suffix: 'layout', sourceSuffix: 'layout', keyPrefix: '00h' },
  { xmlName: 'Profile', directoryName: 'profiles', suffix: 'profile', sourceSuffix: 'profile', keyPrefix: '00e' },
];

/** In the order CustomObject's WSDL sequence puts them (alphabetical by element). */
export const CHILD_TYPES: readonly ChildType[] = [
  { xmlName: 'BusinessProcess', element: 'businessProcesses', sourceSuffix: 'businessProcess', keyPrefix: '019' },
  { xmlName: 'CompactLayout', element: 'compactLayouts', sourceSuffix: 'compactLayout', keyPrefix: '0AH' },
  { xmlName: 'CustomField', element: 'fields', sourceSuffix: 'field', keyPrefix: '00N' },
  { xmlName: 'FieldSet', element: 'fieldSets', sourceSuffix: 'fieldSet', keyPrefix: '0IX' },
  { xmlName: 'ListView', element: 'listViews', sourceSuffix: 'listView', keyPrefix: '00B' },
  { xmlName: 'RecordType', element: 'recordTypes', sourceSuffix: 'recordType', keyPrefix: '012' },
  { xmlName: 'ValidationRule', element: 'validationRules', sourceSuffix: 'validationRule', keyPrefix: '03d' },
  { xmlName: 'WebLink', element: 'webLinks', sourceSuffix: 'webLink', keyPrefix: '00b' },
];

export const CUSTOM_OBJECT = 'CustomObject';

/**
 * Real metadata types the emulator has no files for. Listing one gives an
 * empty result (as an org without such components would), where a made-up
 * type name gets INVALID_TYPE.
 */
export const OTHER_KNOWN_TYPES: ReadonlySet<string> = new Set([
  'ApexClass', 'ApexComponent', 'ApexPage', 'ApexTrigger', 'AssignmentRules', 'AuraDefinitionBundle',
  'AutoResponseRules', 'ConnectedApp', 'CustomLabels', 'CustomMetadata', 'CustomPermission', 'CustomSite',
  'Dashboard', 'Document', 'EmailTemplate', 'EscalationRules', 'ExternalClientApplication', 'Flow',
  'FlowDefinition', 'GlobalValueSet', 'Group', 'HomePageLayout', 'Index', 'LightningComponentBundle',
  'NamedCredential', 'Network', 'PathAssistant', 'PermissionSet', 'PermissionSetGroup', 'QuickAction',
  'RemoteSiteSetting', 'Report', 'ReportType', 'Role', 'Settings', 'SharingReason', 'SharingRules',
  'StandardValueSet', 'StaticResource', 'Territory2', 'Translations', 'Workflow',
]);

export function topLevelType(xmlName: string): TopLevelType | undefined {
  return TOP_LEVEL_TYPES.find((t) => t.xmlName === xmlName);
}

export function childType(xmlName: string): ChildType | undefined {
  return CHILD_TYPES.find((t) => t.xmlName === xmlName);
}

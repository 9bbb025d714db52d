import { list, obj, str, strings, type Raw } from './raw.js';
import { noLocator, type Locator } from './locate.js';
import { emptyObject, type CompactLayout, type Field, type ListView, type SObject, type SourceRef, type WebLink } from './types.js';
import { splitChildName } from './names.js';

/** The child collections of a CustomObject, as nested in `objects/X.object` and in readMetadata('CustomObject'). */
export const OBJECT_CHILDREN = {
  fields: 'CustomField',
  listViews: 'ListView',
  compactLayouts: 'CompactLayout',
  webLinks: 'WebLink',
} as const;

export type ObjectChildKey = keyof typeof OBJECT_CHILDREN;

/** A child's own name: nested children carry `Name`, top-level reads carry `Object.Name`. */
function childName(raw: Raw, object: string): string {
  const full = str(raw.fullName) ?? '';
  const split = splitChildName(full);
  return split.object === object ? split.name : full;
}

export function mapField(raw: Raw, object: string, source?: SourceRef): Field {
  return { name: childName(raw, object), label: str(raw.label), type: str(raw.type), source };
}

export function mapListView(raw: Raw, object: string, source?: SourceRef): ListView {
  const sharedTo = obj(raw.sharedTo);
  return {
    object,
    name: childName(raw, object),
    label: str(raw.label),
    filterScope: str(raw.filterScope),
    booleanFilter: str(raw.booleanFilter),
    columns: strings(raw.columns),
    filters: list(raw.filters).map((f) => ({
      field: str(f.field) ?? '',
      operation: str(f.operation) ?? '',
      value: str(f.value),
    })),
    // sharedTo holds one element per kind of grantee (group, role, allInternalUsers ...).
    sharedTo: Object.entries(sharedTo).flatMap(([kind, v]) => strings(v).map((who) => `${kind}:${who}`)),
    source,
  };
}

export function mapCompactLayout(raw: Raw, object: string, source?: SourceRef): CompactLayout {
  return { object, name: childName(raw, object), label: str(raw.label), fields: strings(raw.fields), source };
}

export function mapWebLink(raw: Raw, object: string, source?: SourceRef): WebLink {
  return {
    object,
    name: childName(raw, object),
    label: str(raw.masterLabel),
    url: str(raw.url),
    linkType: str(raw.linkType),
    displayType: str(raw.displayType),
    openType: str(raw.openType),
    source,
  };
}

const childMappers = {
  fields: (raw: Raw, object: string, source?: SourceRef) => mapField(raw, object, source),
  listViews: mapListView,
  compactLayouts: mapCompactLayout,
  webLinks: mapWebLink,
} as const;

/**
 * The org-default Lightning record page: the View action override of type Flexipage on desktop.
 * A phone-only (`Small`) override leaves desktop users on the default page, so it does not count.
 */
export function recordPageOverride(raw: Raw): string | undefined {
  const desktop = list(raw.actionOverrides).find(
    (o) => str(o.actionName) === 'View' && str(o.type)?.toLowerCase() === 'flexipage' && (str(o.formFactor) ?? 'Large') === 'Large',
  );
  return desktop ? str(desktop.content) : undefined;
}

/**
 * Maps a CustomObject record with any nested children. `source` is where the
 * object record was read; nested children share it unless `childSources` says otherwise.
 */
export function mapCustomObject(raw: Raw, name: string, source?: SourceRef, locate: Locator = noLocator): SObject {
  const object = emptyObject(name);
  object.label = str(raw.label);
  object.pluralLabel = str(raw.pluralLabel);
  object.compactLayoutAssignment = str(raw.compactLayoutAssignment);
  object.recordPageOverride = recordPageOverride(raw);
  object.source = source;
  for (const key of Object.keys(OBJECT_CHILDREN) as ObjectChildKey[]) {
    list(raw[key]).forEach((child, index) => {
      const childSource = source?.file ? { file: source.file, line: locate(key, index) } : undefined;
      addChild(object, key, child, childSource);
    });
  }
  return object;
}

export function addChild(object: SObject, key: ObjectChildKey, raw: Raw, source?: SourceRef): void {
  const mapped = childMappers[key](raw, object.name, source);
  (object[key] as Map<string, typeof mapped>).set(mapped.name, mapped);
}

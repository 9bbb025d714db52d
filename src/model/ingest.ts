import type { Raw } from './raw.js';
import type { Locator } from './locate.js';
import type { ChildType, ModelledType } from './metadata-types.js';
import { CHILD_TYPES } from './metadata-types.js';
import { addChild, mapCustomObject } from './map-object.js';
import { mapLayout } from './map-layout.js';
import { mapFlexiPage } from './map-flexipage.js';
import { mapCustomApp, mapProfile } from './map-profile-app.js';
import { splitChildName } from './names.js';
import { emptyObject, type OrgModel, type SObject, type SourceRef } from './types.js';

function objectOf(org: OrgModel, name: string): SObject {
  let object = org.objects.get(name);
  if (!object) {
    object = emptyObject(name);
    org.objects.set(name, object);
  }
  return object;
}

/** Merges a freshly mapped CustomObject into one that children may already have been added to. */
function mergeObject(org: OrgModel, mapped: SObject): void {
  const existing = org.objects.get(mapped.name);
  if (!existing) {
    org.objects.set(mapped.name, mapped);
    return;
  }
  existing.label = mapped.label ?? existing.label;
  existing.pluralLabel = mapped.pluralLabel ?? existing.pluralLabel;
  existing.compactLayoutAssignment = mapped.compactLayoutAssignment ?? existing.compactLayoutAssignment;
  existing.recordPageOverride = mapped.recordPageOverride ?? existing.recordPageOverride;
  existing.source = mapped.source ?? existing.source;
  for (const key of ['fields', 'listViews', 'compactLayouts', 'webLinks'] as const) {
    for (const [name, child] of mapped[key]) (existing[key] as Map<string, unknown>).set(name, child);
  }
}

/**
 * Puts one raw metadata record into the model. The folder reader and the live
 * reader both end here, which is what keeps their results identical.
 */
export function ingest(
  org: OrgModel,
  type: ModelledType,
  fullName: string,
  raw: Raw,
  source?: SourceRef,
  locate?: Locator,
): void {
  switch (type) {
    case 'Layout': {
      const layout = mapLayout(raw, fullName, source, locate);
      org.layouts.set(fullName, layout);
      return;
    }
    case 'Profile':
      org.profiles.set(fullName, mapProfile(raw, fullName, source));
      return;
    case 'CustomApplication':
      org.apps.set(fullName, mapCustomApp(raw, fullName, source));
      return;
    case 'FlexiPage':
      org.flexiPages.set(fullName, mapFlexiPage(raw, fullName, source, locate));
      return;
    case 'CustomObject':
      mergeObject(org, mapCustomObject(raw, fullName, source, locate));
      return;
    default:
      ingestChild(org, type, fullName, raw, source);
  }
}

function ingestChild(org: OrgModel, type: ChildType, fullName: string, raw: Raw, source?: SourceRef): void {
  const spec = CHILD_TYPES.find((c) => c.type === type);
  if (!spec) throw new Error(`unsupported metadata type ${type}`);
  const { object, name } = splitChildName(fullName);
  addChild(objectOf(org, object), spec.key, { ...raw, fullName: name }, source);
}

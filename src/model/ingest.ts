import type { Raw } from './raw.js';
import type { Locator } from './locate.js';
import type { ChildSpec, ModelledType, TopLevelType } from './metadata-types.js';
import { childByType } from './metadata-types.js';
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

/** A top-level record already mapped: putting it into a model is all that is left. */
export type Placement = (org: OrgModel) => void;

/**
 * Maps one top-level record on its own. The live reader maps each record as it
 * arrives, while other reads are still on the way, and places them all in
 * listing order once the last one is in.
 */
export function mapComponent(type: TopLevelType, fullName: string, raw: Raw, source?: SourceRef, locate?: Locator): Placement {
  switch (type) {
    case 'Layout': {
      const layout = mapLayout(raw, fullName, source, locate);
      return (org) => org.layouts.set(fullName, layout);
    }
    case 'Profile': {
      const profile = mapProfile(raw, fullName, source);
      return (org) => org.profiles.set(fullName, profile);
    }
    case 'CustomApplication': {
      const app = mapCustomApp(raw, fullName, source);
      return (org) => org.apps.set(fullName, app);
    }
    case 'FlexiPage': {
      const page = mapFlexiPage(raw, fullName, source, locate);
      return (org) => org.flexiPages.set(fullName, page);
    }
    case 'CustomObject': {
      const object = mapCustomObject(raw, fullName, source, locate);
      return (org) => mergeObject(org, object);
    }
  }
}

/**
 * Puts one raw metadata record into the model. The folder reader ends here; the live
 * reader maps its records with `mapComponent`, which this calls, so both map alike.
 */
export function ingest(
  org: OrgModel,
  type: ModelledType,
  fullName: string,
  raw: Raw,
  source?: SourceRef,
  locate?: Locator,
): void {
  const child = childByType(type);
  if (child) ingestChild(org, child, fullName, raw, source);
  else mapComponent(type as TopLevelType, fullName, raw, source, locate)(org);
}

function ingestChild(org: OrgModel, spec: ChildSpec, fullName: string, raw: Raw, source?: SourceRef): void {
  const { object, name } = splitChildName(fullName);
  addChild(objectOf(org, object), spec.key, { ...raw, fullName: name }, source);
}

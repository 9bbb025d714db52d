import { list, obj, str, type Raw } from './raw.js';
import { noLocator, type Locator } from './locate.js';
import type { ComponentInstance, FlexiPage, SourceRef } from './types.js';

function mapComponent(raw: Raw): ComponentInstance | undefined {
  // Newer pages wrap components in itemInstances > componentInstance; older ones
  // (before API 47) list componentInstances directly on the region.
  const name = str(raw.componentName);
  if (!name) return undefined;
  const properties: Record<string, string> = {};
  for (const p of list(raw.componentInstanceProperties)) {
    const key = str(p.name);
    if (key) properties[key] = str(p.value) ?? '';
  }
  return { name, identifier: str(raw.identifier), properties };
}

export function mapFlexiPage(raw: Raw, name: string, source?: SourceRef, locate: Locator = noLocator): FlexiPage {
  const regions = list(raw.flexiPageRegions).map((region, index) => {
    const instances = [
      ...list(region.itemInstances).map((item) => obj(item.componentInstance)),
      ...list(region.componentInstances),
    ];
    return {
      name: str(region.name) ?? '',
      type: str(region.type),
      components: instances.map(mapComponent).filter((c): c is ComponentInstance => c !== undefined),
      source: source?.file ? { file: source.file, line: locate('flexiPageRegions', index) } : undefined,
    };
  });
  return {
    name,
    label: str(raw.masterLabel),
    type: str(raw.type),
    sobjectType: str(raw.sobjectType),
    template: str(obj(raw.template).name),
    regions,
    source,
  };
}

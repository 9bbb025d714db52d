import { list, str, type Raw } from './raw.js';
import type { CustomApp, Profile, SourceRef } from './types.js';

export function mapProfile(raw: Raw, name: string, source?: SourceRef): Profile {
  return {
    name,
    tabVisibilities: list(raw.tabVisibilities).map((t) => ({
      tab: str(t.tab) ?? '',
      visibility: str(t.visibility) ?? '',
    })),
    source,
  };
}

export function mapCustomApp(raw: Raw, name: string, source?: SourceRef): CustomApp {
  const pageOverrides = [...list(raw.actionOverrides), ...list(raw.profileActionOverrides)].filter(
    (o) => str(o.actionName) === 'View' && str(o.type)?.toLowerCase() === 'flexipage',
  );
  return {
    name,
    label: str(raw.label),
    tabs: list(raw.tabs)
      .map((t) => (typeof t === 'object' && t ? undefined : str(t)))
      .filter((t): t is string => !!t),
    recordPageAssignments: pageOverrides.flatMap((o) => {
      const page = str(o.content);
      const sobject = str(o.pageOrSobjectType);
      if (!page || !sobject) return [];
      return [{ sobject, page, formFactor: str(o.formFactor), profile: str(o.profile), recordType: str(o.recordType) }];
    }),
    source,
  };
}

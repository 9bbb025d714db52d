import type { OrgModel } from '../model/types.js';
import { labelKey } from '../model/names.js';
import { standardFields } from '../model/standard-fields.js';
import { closest } from '../ruleset/did-you-mean.js';

export interface KnownField {
  name: string;
  label?: string;
  type?: string;
}

export type FieldResolution =
  | { ok: true; name: string; label?: string; type?: string; known: boolean }
  | { ok: false; ref: string; message: string };

export interface FieldResolver {
  /** Resolves what a rules author wrote (a label or an API name) to an API name on `object`. */
  resolve(object: string, ref: string): FieldResolution;
  /** `LinkedIn company URL (LinkedIn_Company_URL__c)` when the label is known, else the API name. */
  display(object: string, apiName: string): string;
  /** Every field sfaudit knows on the object: metadata first, the built-in table for standard fields. */
  fieldsOf(object: string): KnownField[];
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** An object's known fields, and those by lower-case API name and by label key: a ritual resolves hundreds of references. */
interface ObjectFields {
  fields: KnownField[];
  byName: Map<string, KnownField>;
  byLabel: Map<string, KnownField[]>;
}

export function fieldResolver(org: OrgModel): FieldResolver {
  const cache = new Map<string, ObjectFields>();
  const indexOf = (object: string): ObjectFields => {
    let known = cache.get(object);
    if (!known) {
      const byName = new Map<string, KnownField>();
      for (const f of standardFields(object)) byName.set(f.name.toLowerCase(), { ...f });
      for (const f of org.objects.get(object)?.fields.values() ?? []) {
        const std = byName.get(f.name.toLowerCase());
        byName.set(f.name.toLowerCase(), { name: f.name, label: f.label ?? std?.label, type: f.type ?? std?.type });
      }
      const byLabel = new Map<string, KnownField[]>();
      for (const f of byName.values()) {
        if (!f.label) continue;
        const key = labelKey(f.label);
        const same = byLabel.get(key);
        if (same) same.push(f);
        else byLabel.set(key, [f]);
      }
      cache.set(object, (known = { fields: [...byName.values()], byName, byLabel }));
    }
    return known;
  };
  const fieldsOf = (object: string): KnownField[] => indexOf(object).fields;

  const resolve = (object: string, ref: string): FieldResolution => {
    const { fields, byName: named, byLabel: labelled } = indexOf(object);
    const byName = named.get(ref.trim().toLowerCase());
    if (byName) return { ok: true, name: byName.name, label: byName.label, type: byName.type, known: true };
    const byLabel = labelled.get(labelKey(ref)) ?? [];
    if (byLabel.length >= 1) {
      // Custom fields win over standard ones with the same label: that is the one people added on purpose.
      const chosen = byLabel.find((f) => f.name.endsWith('__c')) ?? byLabel[0]!;
      return { ok: true, name: chosen.name, label: chosen.label, type: chosen.type, known: true };
    }
    if (API_NAME.test(ref.trim()) && (ref.includes('__') || /^[A-Z]/.test(ref.trim()) && !ref.includes(' '))) {
      // Looks like an API name we have no metadata for: compare by name, and say it is unknown if absent.
      return { ok: true, name: ref.trim(), known: false };
    }
    const suggestion = closest(ref, fields.flatMap((f) => (f.label ? [f.label, f.name] : [f.name])));
    return {
      ok: false,
      ref,
      message: `no field labelled "${ref}" on ${object}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    };
  };

  const display = (object: string, apiName: string): string => {
    const f = indexOf(object).byName.get(apiName.toLowerCase());
    return f?.label ? `${f.label} (${f.name})` : apiName;
  };

  return { resolve, display, fieldsOf };
}

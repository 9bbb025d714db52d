/**
 * Helpers for reading raw metadata records. Files come through fast-xml-parser and the
 * live reader takes SOAP replies uncast (jsforce's schema cast was skipped for speed):
 * either way a single child is an object, not a one-item array, and values are strings.
 * Callers of the library may still pass cast records (arrays, booleans), so the helpers
 * accept both and the mappers never need to know which they got.
 */
export type Raw = Record<string, unknown>;

export function list<T = Raw>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

export function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // xsi:nil or an empty element parsed into an object: no value.
  return undefined;
}

export function strings(value: unknown): string[] {
  return list<unknown>(value)
    .map(str)
    .filter((s): s is string => s !== undefined && s !== '');
}

export function bool(value: unknown): boolean {
  return value === true || value === 'true';
}

export function obj(value: unknown): Raw {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

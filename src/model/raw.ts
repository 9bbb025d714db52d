/**
 * Helpers for reading raw metadata records. Two shapes reach us: fast-xml-parser
 * output from files (single children are objects, values are strings) and jsforce
 * readMetadata results (children typed as arrays by its WSDL schema, booleans cast).
 * These helpers make the mappers indifferent to which one they got.
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

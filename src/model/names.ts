/**
 * Salesforce %-encodes some characters in component full names and file names
 * (`%2E` for `.`, `%26` for `&`, `%5F%5F` for `__` inside layout names).
 * API calls use the encoded form; people read the decoded one.
 */
export function decodeFullName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // a lone '%' that is not an escape: keep it as written
  }
}

/** `Account-Account Layout` -> { object: 'Account', name: 'Account Layout' } (the object never contains '-'). */
export function splitLayoutName(fullName: string): { object: string; name: string } {
  const object = layoutObject(fullName);
  // The name is what follows the first dash; with no dash, the whole.
  return { object, name: decodeFullName(object === fullName ? fullName : fullName.slice(object.length + 1)) };
}

/**
 * `Account-Account Layout` -> 'Account': splitLayoutName's object, without decoding the layout's name, which a
 * re-audit of a big org would do for each of thousands of listed layouts only to drop it.
 */
export function layoutObject(fullName: string): string {
  const dash = fullName.indexOf('-');
  return dash < 0 ? fullName : fullName.slice(0, dash);
}

/** `Account.Customers` -> { object: 'Account', name: 'Customers' }. */
export function splitChildName(fullName: string): { object: string; name: string } {
  const dot = fullName.indexOf('.');
  if (dot < 0) return { object: '', name: fullName };
  return { object: fullName.slice(0, dot), name: fullName.slice(dot + 1) };
}

/** The object whose record nests what a need of a child type (field, list view ...) names: its `object`, else its name's object part. */
export function nestingObject(need: { object?: string; name?: string }): string | undefined {
  return need.object ?? (need.name ? splitChildName(need.name).object || undefined : undefined);
}

/** Case- and punctuation-insensitive key, for matching labels people type against labels in the org. */
export function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

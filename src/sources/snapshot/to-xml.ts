import type { Raw } from '../../model/raw.js';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function element(name: string, value: unknown, indent: string, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) element(name, item, indent, out);
    return;
  }
  const text = scalar(value);
  if (text !== undefined) {
    out.push(`${indent}<${name}>${escapeText(text)}</${name}>`);
    return;
  }
  if (typeof value !== 'object') return;
  const inner: string[] = [];
  body(value as Raw, `${indent}    `, inner);
  out.push(inner.length ? `${indent}<${name}>\n${inner.join('\n')}\n${indent}</${name}>` : `${indent}<${name}/>`);
}

function body(raw: Raw, indent: string, out: string[]): void {
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('$') || key.startsWith('_') || key.startsWith('@')) continue;
    element(key, value, indent, out);
  }
}

/**
 * A metadata record as a source-format file: XML declaration, the metadata
 * namespace on the root, four-space indentation and elements in the order
 * Salesforce returned them, as `sf project retrieve` writes files.
 */
export function toMetadataXml(root: string, raw: Raw): string {
  const out: string[] = [];
  body(raw, '    ', out);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${METADATA_NS}">\n${out.length ? `${out.join('\n')}\n` : ''}</${root}>\n`;
}

/** Just enough XML writing for metadata files: escaped text, nested elements, Salesforce's 4-space indent. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

/** A child is either a leaf `[name, value]` or a nested `[name, children]`. */
export type Node = [string, string | number | boolean | Node[]];

function render(node: Node, indent: string, out: string[]): void {
  const [name, value] = node;
  if (Array.isArray(value)) {
    out.push(`${indent}<${name}>\n`);
    for (const child of value) render(child, `${indent}    `, out);
    out.push(`${indent}</${name}>\n`);
  } else {
    out.push(`${indent}<${name}>${esc(String(value))}</${name}>\n`);
  }
}

/** A whole metadata file: declaration, root element in the metadata namespace, children in the order given. */
export function metadataXml(root: string, children: Node[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n', `<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n`];
  for (const child of children) render(child, '    ', out);
  out.push(`</${root}>\n`);
  return out.join('');
}

/** Top-level elements of a metadata file rendered one by one (profiles are merged block by block). */
export function renderBlocks(children: Node[]): string[] {
  return children.map((child) => {
    const out: string[] = [];
    render(child, '    ', out);
    return out.join('');
  });
}

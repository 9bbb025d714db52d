import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** Splits a JSON pointer (`/rules/3/expect`) into path segments, numbers for sequence indices. */
export function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function child(node: unknown, key: string | number): { node?: Node; keyNode?: Node } {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
    return { node: pair?.value as Node | undefined, keyNode: pair?.key as Node | undefined };
  }
  if (isSeq(node) && typeof key === 'number') return { node: node.items[key] as Node | undefined };
  return {};
}

/**
 * Line and column (1-based) of a path in a YAML document: the value's node, or
 * its key with `atKey`. Falls back to the deepest ancestor that exists.
 */
export function locate(
  doc: Document,
  counter: LineCounter,
  path: Array<string | number>,
  atKey = false,
): { line: number; column: number } {
  let node: unknown = doc.contents;
  let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const next = child(node, path[i]!);
    const last = i === path.length - 1;
    const pick = last && atKey ? (next.keyNode ?? next.node) : (next.node ?? next.keyNode);
    if (!pick) break;
    best = pick;
    node = next.node;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * Finds the line of the n-th occurrence of an element in a metadata file, so
 * findings can point at a layout section or a flexipage region in place (SARIF).
 * Sources without text (a live org) pass `noLocator`.
 */
export type Locator = (tag: string, index: number) => number | undefined;

export const noLocator: Locator = () => undefined;

export function xmlLocator(xml: string): Locator {
  const cache = new Map<string, number[]>();
  const lineStarts: number[] = [0];
  for (let i = 0; i < xml.length; i++) if (xml.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return (tag, index) => {
    let lines = cache.get(tag);
    if (!lines) {
      lines = [];
      const re = new RegExp(`<${tag}[\\s>/]`, 'g');
      for (let m = re.exec(xml); m; m = re.exec(xml)) lines.push(lineAt(m.index));
      cache.set(tag, lines);
    }
    return lines[index];
  };
}

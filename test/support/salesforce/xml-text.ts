/**
 * Small string-level XML helpers. Metadata files are copied into responses
 * verbatim, so instead of parsing them into objects and serializing back (and
 * losing formatting, entity spelling or CDATA) we cut them at element
 * boundaries.
 */

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

export interface XmlElement {
  /** Tag name as written (prefix included). */
  name: string;
  /** The element's complete source text, from `<name` to its end tag. */
  xml: string;
}

/** Index just past the markup construct (comment, CDATA, PI, tag) that starts at `start`. */
function skipMarkup(xml: string, start: number): number {
  const closers: Array<[string, string]> = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>'], ['<!', '>']];
  for (const [open, close] of closers) {
    if (xml.startsWith(open, start)) {
      const end = xml.indexOf(close, start + open.length);
      if (end < 0) throw new Error('unterminated XML construct');
      return end + close.length;
    }
  }
  // Ordinary tag: find its closing '>' while skipping quoted attribute values.
  let quote: string | undefined;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml.charAt(i);
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  throw new Error('unterminated XML tag');
}

/**
 * The elements directly inside `content` (the inner text of some element),
 * with comments and whitespace between them dropped.
 */
export function topLevelElements(content: string): XmlElement[] {
  const out: XmlElement[] = [];
  let depth = 0;
  let current: { name: string; start: number } | undefined;
  let i = content.indexOf('<');
  while (i >= 0 && i < content.length) {
    const end = skipMarkup(content, i);
    const tag = content.slice(i, end);
    const isElementTag = /^<\/?[A-Za-z_]/.test(tag);
    if (isElementTag) {
      if (tag.startsWith('</')) {
        depth--;
        if (depth === 0 && current) {
          out.push({ name: current.name, xml: content.slice(current.start, end) });
          current = undefined;
        }
      } else {
        const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
        const selfClosing = tag.endsWith('/>');
        if (depth === 0) {
          if (selfClosing) out.push({ name, xml: tag });
          else current = { name, start: i };
        }
        if (!selfClosing) depth++;
      }
    }
    i = content.indexOf('<', end);
  }
  return out;
}

/** The root element's name and inner text of an XML document (`''` for a self-closed root). */
export function rootContent(document: string): { name: string; inner: string } {
  let i = document.indexOf('<');
  while (i >= 0) {
    const end = skipMarkup(document, i);
    const tag = document.slice(i, end);
    if (/^<[A-Za-z_]/.test(tag)) {
      const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
      if (tag.endsWith('/>')) return { name, inner: '' };
      const close = document.lastIndexOf(`</${name}`);
      if (close < end) throw new Error(`no end tag for root <${name}>`);
      return { name, inner: document.slice(end, close) };
    }
    i = document.indexOf('<', end);
  }
  throw new Error('no root element');
}

/** Inner text of one element's source (`''` when self-closed). */
export function innerOf(elementXml: string): string {
  return /^<[^>]*>([\s\S]*)<\/[^>]+>$/.exec(elementXml)?.[1] ?? '';
}

/** Text of the first direct child `<name>` of some element's inner content, unescaped. */
export function childText(content: string, name: string): string | undefined {
  return elementText(topLevelElements(content), name);
}

/** `childText` over elements already cut out (e.g. a file's kept elements). */
export function elementText(elements: readonly XmlElement[], name: string): string | undefined {
  const element = elements.find((e) => e.name === name);
  return element ? unescapeXml(innerOf(element.xml).trim()) : undefined;
}

/** Texts of every direct child `<name>`, unescaped. */
export function childTexts(content: string, name: string): string[] {
  return childContents(content, name).map((inner) => unescapeXml(inner.trim()));
}

/** Inner content of each direct child `<name>` (for nested structures). */
export function childContents(content: string, name: string): string[] {
  return topLevelElements(content)
    .filter((e) => e.name === name)
    .map((e) => innerOf(e.xml));
}

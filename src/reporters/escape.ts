/** Escaping for each output language, so text from the org or the rules can never become markup. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

// The five entities XML predefines, so any XML reader decodes them.
const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** For attribute values (quotes escaped too). */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => XML[c]!);
}

/** For element content, where only `&` and `<` (and `>` after `]]`) matter; quotes stay readable. */
export function escapeXmlText(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>]/g, (c) => XML[c]!);
}

const WORD = /^[\p{L}\p{N}]$/u;

/**
 * CommonMark/GFM backslash escapes for what could start markup, links, tables or raw HTML.
 * Underscores inside a word (API names like `LinkedIn_Company_URL__c`) cannot emphasise
 * in GFM, so they stay readable; `&` is escaped only where it would start an entity, and a backslash only before
 * punctuation (elsewhere CommonMark shows it as is, so regexes like `\b20\d{2}` stay readable).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\(?=[!-/:-@[-`{-~])|[`*[\]<>|~]|&(?=#?\w+;)/g, (c) => `\\${c}`)
    .replace(/_+/g, (run, at: number, all: string) =>
      WORD.test(all[at - 1] ?? '') && WORD.test(all[at + run.length] ?? '') ? run : run.replace(/_/g, '\\_'),
    )
    .replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks inside the text. */
export function markdownCode(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

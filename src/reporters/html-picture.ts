import type { Finding, ListComparison, ListItemView } from '../report/finding.js';
import { escapeHtml as h } from './escape.js';
import { foundWithGhosts, type Cell } from './comparison-view.js';

/** Splits `LinkedIn company URL (LinkedIn_Company_URL__c)` into what people read and the API name. */
export function splitLabel(label: string): { text: string; api?: string } {
  const m = /^(.*\S)\s+\(([^()\s]+)\)$/.exec(label);
  if (!m) return { text: label };
  return m[1] === m[2] ? { text: m[1]! } : { text: m[1]!, api: m[2]! };
}

const TAG: Record<ListItemView['mark'], string> = { ok: '', missing: 'missing', extra: 'extra', 'out-of-order': 'moved' };
const ICON: Record<ListItemView['mark'], string> = { ok: '', missing: '✕', extra: '+', 'out-of-order': '↕' };

function itemHtml(item: Cell): string {
  const { text, api } = splitLabel(item.label);
  const cls = ['item', item.mark, item.ghost ? 'ghost' : '', item.other ? 'other' : ''].filter(Boolean).join(' ');
  const tag = TAG[item.mark];
  return (
    `<li class="${cls}" data-mark="${item.mark}"${item.ghost ? ' data-ghost="true"' : ''}>` +
    `${item.mark === 'ok' ? '' : `<span class="icon" aria-hidden="true">${ICON[item.mark]}</span>`}` +
    `<span class="label">${h(text)}</span>` +
    `${api ? `<span class="api">${h(api)}</span>` : ''}` +
    `${tag ? `<span class="tag">${tag}</span>` : ''}</li>`
  );
}

const MODE: Record<string, string> = {
  contains: 'all of these, in any order',
  ordered: 'in this order',
  first: 'first, in this order',
  exact: 'exactly these, in this order',
};

function caption(f: Finding): { expected: string; found: string } {
  const thing = f.metadataType === 'FlexiPage' ? 'components' : 'fields';
  if (f.metadataType === 'CompactLayout') return { expected: `Expected ${thing}`, found: 'Found on the highlights panel' };
  return { expected: `Expected ${thing}`, found: f.location ? `Found in ${f.location}` : 'Found in the org' };
}

/** Side by side: what the rule expects and what the org has, with missing, extra and moved items marked. */
export function comparisonPicture(f: Finding, c: ListComparison): string {
  const cap = caption(f);
  const mode = MODE[c.mode] ?? c.mode;
  const found = foundWithGhosts(c);
  return (
    `<div class="picture kind-${h(f.metadataType.toLowerCase())}">` +
    `<figure class="side expected"><figcaption>${h(cap.expected)} <span class="mode">${h(mode)}</span></figcaption>` +
    `<ol class="items">${c.expected.map(itemHtml).join('')}</ol></figure>` +
    `<div class="arrow" aria-hidden="true">→</div>` +
    `<figure class="side actual"><figcaption>${h(cap.found)}</figcaption>` +
    `<ol class="items">${found.length ? found.map(itemHtml).join('') : '<li class="item empty">nothing</li>'}</ol></figure>` +
    `</div>`
  );
}

/** Expected and found as two boxes, for checks that compare a single value. */
export function valuePicture(f: Finding): string {
  if (f.expected === undefined && f.actual === undefined) return '';
  const box = (cls: string, title: string, value: string | undefined) =>
    `<div class="value ${cls}"><div class="value-title">${title}</div><div class="value-body">${value === undefined ? '<span class="none">—</span>' : h(value)}</div></div>`;
  return `<div class="values">${box('expected', 'Expected', f.expected)}${box('actual', 'Found', f.actual)}</div>`;
}

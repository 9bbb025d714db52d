/**
 * Text for Slack. `&`, `<` and `>` are Slack's control characters in every text
 * object: escaped, a record named `<!channel>` or a crafted `<https://evil|Salesforce>`
 * shows as the characters it is and can neither ping nor disguise a link.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Length as Slack counts it for its limits (code points). */
export function slackLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** At most `max` code points, with an ellipsis when cut; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Escaped text on one line that fits `max` after escaping: cut the raw text (never an entity), then escape. */
export function escapedWithin(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  let budget = max;
  for (;;) {
    const out = slackEscape(clip(oneLine, budget));
    if (slackLength(out) <= max || budget <= 1) return out;
    budget = Math.max(1, Math.min(budget - 1, Math.floor((budget * max) / slackLength(out))));
  }
}

/** A link Slack shows as `label`; the URL must already be safe (http/https, parsed) and the label escaped. */
export function slackLink(url: string, escapedLabel: string): string {
  return `<${url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C')}|${escapedLabel}>`;
}

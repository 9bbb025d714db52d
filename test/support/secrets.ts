import { expect } from 'vitest';

/** Fails when any secret appears in anything printed, logged or written; the failure names only its first characters. */
export function expectNoSecret(texts: string | string[], secrets: readonly string[]): void {
  const all = typeof texts === 'string' ? texts : texts.join('\n');
  for (const secret of secrets) expect(all, `a secret leaked: ${secret.slice(0, 4)}…`).not.toContain(secret);
}

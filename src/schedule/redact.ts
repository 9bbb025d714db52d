/**
 * Removes secrets from text that may reach a log or Slack (error messages of
 * HTTP clients sometimes echo URLs or request bodies). Short values are left
 * alone: redacting "1" everywhere would garble messages without protecting anything.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  for (const secret of sorted) out = out.split(secret).join('[redacted]');
  for (const secret of sorted) {
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  }
  return out;
}

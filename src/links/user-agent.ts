import { readFileSync } from 'node:fs';

/**
 * Default User-Agent. Sites that block bots are more forgiving of an honest, identifiable
 * client; the version comes from package.json (same relative path from src/links and dist/links).
 */
function packageInfo(): { version: string; url?: string } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
      homepage?: unknown;
      repository?: unknown;
    };
    const repo = pkg.repository;
    const repoUrl = typeof repo === 'string' ? repo : typeof repo === 'object' && repo !== null ? (repo as { url?: unknown }).url : undefined;
    const url = [pkg.homepage, repoUrl].find((u): u is string => typeof u === 'string' && /^https:\/\//.test(u));
    return { version: typeof pkg.version === 'string' ? pkg.version : '0.0.0', ...(url ? { url } : {}) };
  } catch {
    return { version: '0.0.0' };
  }
}

export function defaultUserAgent(): string {
  const { version, url } = packageInfo();
  return url ? `sfaudit-link-check/${version} (+${url.replace(/\.git$/, '')})` : `sfaudit-link-check/${version}`;
}

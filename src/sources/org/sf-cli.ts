import { execFile } from 'node:child_process';
import { CredentialsError, redact } from './errors.js';

export interface SfCliOrg {
  accessToken: string;
  instanceUrl: string;
  username?: string;
}

/**
 * Reuses the Salesforce CLI's stored login: `sf org display --target-org <alias> --json`.
 * Its output holds the access token, so it is parsed and never echoed.
 */
export function sfOrgDisplay(alias: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<SfCliOrg> {
  return new Promise((resolve, reject) => {
    execFile(
      'sf',
      ['org', 'display', '--target-org', alias, '--json'],
      { env: { ...env, SF_JSON_TO_STDOUT: 'true' }, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new CredentialsError('--target-org needs the Salesforce CLI (sf) on PATH; install it, or set SF_* environment variables instead'));
          return;
        }
        let doc: { status?: number; name?: string; message?: string; result?: Record<string, unknown> } | undefined;
        try {
          doc = JSON.parse(stdout) as typeof doc;
        } catch {
          doc = undefined;
        }
        const result = doc?.result;
        const accessToken = typeof result?.accessToken === 'string' ? result.accessToken : undefined;
        const instanceUrl = typeof result?.instanceUrl === 'string' ? result.instanceUrl : undefined;
        if (doc?.status === 0 && accessToken && instanceUrl) {
          resolve({ accessToken, instanceUrl: instanceUrl.replace(/\/+$/, ''), username: typeof result?.username === 'string' ? result.username : undefined });
          return;
        }
        const why = doc?.message ? `${doc.name ? `${doc.name}: ` : ''}${doc.message}` : error ? `exit code ${String((error as { code?: unknown }).code ?? 'unknown')}` : 'no access token in its output';
        reject(new CredentialsError(`sf org display --target-org ${alias} failed (${redact(why.replace(/\s+/g, ' ').slice(0, 200), accessToken ? [accessToken] : [])})`));
      },
    );
  });
}

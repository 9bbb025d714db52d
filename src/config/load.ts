import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { parseYaml } from '../ruleset/load.js';
import { fromAjv, positionIssues, type RawIssue } from '../ruleset/validate.js';
import { locate, pointerSegments } from '../ruleset/positions.js';
import { parseBudget } from '../sources/org/budget.js';
import type { ConfigIssue } from '../ruleset/types.js';
import type { FailOn } from '../report/exit-code.js';
import { DEFAULT_RETENTION } from '../history/store.js';
import { configSchema } from './schema.js';
import { semanticIssues, unsetEnvIssues } from './checks.js';
import type { AuditConfig, OrgTarget, SchedulerConfig } from './types.js';

export const DEFAULT_CONFIG_FILE = 'sfaudit.config.yaml';
export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;

export type ConfigResult = { ok: true; config: SchedulerConfig } | { ok: false; issues: ConfigIssue[] };

export interface LoadConfigOptions {
  /** Check that every environment variable the config names is set (for commands that will log in or post). */
  env?: NodeJS.ProcessEnv;
}

/** Raw YAML shapes, after schema validation. */
interface RawAudit {
  name: string;
  schedule: string;
  timezone: string;
  rules: string | string[];
  source?: string;
  org?: OrgTarget;
  slack?: { channel?: string; tokenEnv?: string; webhookEnv?: string; onlyChanges?: boolean };
  formats?: string[];
  output?: string;
  history?: { dir?: string; keep?: number; maxAgeDays?: number };
  failOn?: FailOn;
}
export interface RawConfig {
  shutdownGraceSeconds?: number;
  audits: RawAudit[];
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
let compiled: ReturnType<typeof ajv.compile> | undefined;
// Compiled on first use: reporters registered by then all count as formats.
const validateSchema = () => (compiled ??= ajv.compile(configSchema()));

/** ajv's pattern messages are about rule ids; here a pattern guards names and environment variables. */
function patternIssue(e: ErrorObject): RawIssue {
  const at = e.instancePath;
  if (/\/credentials\/|\/(tokenEnv|webhookEnv)$/.test(at)) {
    // The value may be a pasted secret: never repeat it.
    return {
      path: at,
      message: 'must be the name of an environment variable, not its value',
      hint: 'write the variable name in capitals, e.g. SF_PASSWORD, and set the secret in the environment; never put secrets in this file',
    };
  }
  if (at.endsWith('/apiVersion')) return { path: at, message: `"${String(e.data)}" is not an API version`, hint: 'write it like "62.0"' };
  return {
    path: at,
    message: `"${String(e.data)}" is not a valid audit name`,
    hint: 'use lowercase letters, digits, "-", "_" or ".", e.g. weekly-ritual (it names the history folder)',
  };
}

function schemaIssues(data: unknown): RawIssue[] {
  const validate = validateSchema();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  return [
    ...errors.filter((e) => e.keyword === 'pattern').map(patternIssue),
    ...fromAjv(errors.filter((e) => e.keyword !== 'pattern')).map((issue) =>
      issue.path.endsWith('/rules') && issue.message === 'this value has the wrong form' ? { ...issue, hint: 'write a rules file or folder, or a list of them' } : issue,
    ),
  ];
}

function toAudit(raw: RawAudit, i: number, dir: string, doc: Document, counter: LineCounter, file: string): AuditConfig {
  const abs = (p: string) => path.resolve(dir, p);
  const output = abs(raw.output ?? path.join('reports', raw.name));
  return {
    name: raw.name,
    schedule: raw.schedule,
    timezone: raw.timezone,
    rules: (Array.isArray(raw.rules) ? raw.rules : [raw.rules]).map(abs),
    ...(raw.source !== undefined ? { source: abs(raw.source) } : {}),
    ...(raw.org
      ? {
          org: {
            ...raw.org,
            ...(raw.org.credentials ? { credentials: { ...raw.org.credentials } } : {}),
            ...(raw.org.cache !== undefined ? { cache: abs(raw.org.cache) } : {}),
            ...(raw.org.apiBudget !== undefined ? { apiBudget: parseBudget(raw.org.apiBudget) } : {}),
          },
        }
      : {}),
    ...(raw.slack ? { slack: { ...raw.slack, onlyChanges: raw.slack.onlyChanges ?? false } } : {}),
    formats: raw.formats ?? ['text', 'json'],
    output,
    history: {
      dir: raw.history?.dir !== undefined ? abs(raw.history.dir) : path.join(output, 'history'),
      retention: {
        keep: raw.history?.keep ?? DEFAULT_RETENTION.keep,
        ...(raw.history?.maxAgeDays !== undefined ? { maxAgeDays: raw.history.maxAgeDays } : {}),
      },
    },
    failOn: raw.failOn ?? 'warning',
    position: { file, ...locate(doc, counter, pointerSegments(`/audits/${i}`)) },
  };
}

/**
 * Loads `sfaudit.config.yaml`: YAML with positions, the JSON Schema, then what
 * a schema cannot say (cron expressions, time zones, duplicate names, a way to
 * log in, folders that exist, environment variables that are set). Every
 * problem comes back with file, line and column, before anything runs.
 */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? (e as Error).message}`;
    return { ok: false, issues: [{ file, line: 0, column: 0, path: '', message, hint: `write a ${DEFAULT_CONFIG_FILE} (see the README) or pass --config <file>` }] };
  }
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const { doc, counter } = parsed;
  const data = doc.toJS() as RawConfig;
  const dir = path.dirname(path.resolve(file));
  const raw = schemaIssues(data);
  if (raw.length === 0) {
    raw.push(...semanticIssues(data));
    raw.push(...(await missingFolders(data, dir)));
    if (options.env) raw.push(...unsetEnvIssues(data, options.env));
  }
  if (raw.length) return { ok: false, issues: positionIssues(raw, doc, counter, file) };
  return {
    ok: true,
    config: {
      file,
      audits: data.audits.map((a, i) => toAudit(a, i, dir, doc, counter, file)),
      shutdownGraceSeconds: data.shutdownGraceSeconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS,
    },
  };
}

/** A rules file or metadata folder that does not exist is caught here, not at the first scheduled run next Monday. */
async function missingFolders(data: RawConfig, dir: string): Promise<RawIssue[]> {
  const out: RawIssue[] = [];
  for (const [i, audit] of data.audits.entries()) {
    const rules = Array.isArray(audit.rules) ? audit.rules.map((r, j) => [r, `/${j}`] as const) : [[audit.rules, ''] as const];
    for (const [rulesPath, suffix] of rules) {
      if (!(await stat(path.resolve(dir, rulesPath)).catch(() => undefined))) {
        out.push({ path: `/audits/${i}/rules${suffix}`, message: `rules not found: ${rulesPath}`, hint: 'paths are relative to the config file' });
      }
    }
    if (audit.source === undefined) continue;
    const info = await stat(path.resolve(dir, audit.source)).catch(() => undefined);
    if (!info?.isDirectory()) out.push({ path: `/audits/${i}/source`, message: `metadata folder not found: ${audit.source}`, hint: 'paths are relative to the config file' });
  }
  return out;
}

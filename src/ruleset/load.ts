import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { dataIssues, validateDocument } from './validate.js';
import { quickParse } from './quick-parse.js';
import { locate, pointerSegments } from './positions.js';
import type { ConfigIssue, Rule, Ruleset, Severity, Waiver } from './types.js';
import { toAliases, type RawAliases } from './aliases.js';
import { readWaivers, unknownWaiverRules, type RawWaiver } from '../waivers/read.js';
import { openRulesCache, type LoadedFile } from './cache.js';

export type LoadResult = { ok: true; ruleset: Ruleset } | { ok: false; issues: ConfigIssue[] };

const RULE_FILE = /\.ya?ml$/i;

/** Rule files under the given paths: files as given, directories searched (not recursively) for *.yaml / *.yml. */
async function ruleFiles(paths: string[]): Promise<{ files: string[]; issues: ConfigIssue[] }> {
  const files: string[] = [];
  const issues: ConfigIssue[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) {
      issues.push({ file: p, line: 0, column: 0, path: '', message: 'no such file or directory', hint: 'pass a rules file or a folder of *.yaml files' });
    } else if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => RULE_FILE.test(n)).sort();
      if (names.length === 0) issues.push({ file: p, line: 0, column: 0, path: '', message: 'no *.yaml rule files in this folder' });
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return { files, issues };
}

interface RawRuleset {
  name: string;
  description?: string;
  defaults?: { severity?: Severity };
  aliases?: RawAliases;
  rules?: Array<Omit<Rule, 'aliases' | 'position' | 'severity'> & { severity?: Severity }>;
  waivers?: RawWaiver[];
}

export interface LoadOptions {
  /** Files are named relative to this folder in messages and reports. */
  relativeTo?: string;
  /** `--cache` folder: files loaded before are taken from there, not parsed again (see `cache.ts`). */
  cacheDir?: string;
}

/**
 * Loads and validates rule files. Problems come back as data, every one of them
 * with file, line and column, so a rules author sees them all at once.
 */
export async function loadRuleset(paths: string[], options: LoadOptions = {}): Promise<LoadResult> {
  const found = await ruleFiles(paths);
  // Messages and reports name files the way the user sees them: relative to where sfaudit runs.
  const shown = (f: string) => (options.relativeTo ? path.relative(options.relativeTo, f) || f : f);
  const issues = found.issues.map((i) => ({ ...i, file: shown(i.file) }));
  const files = found.files;
  const rules: Rule[] = [];
  const names: string[] = [];
  const descriptions: string[] = [];
  // Rule ids taken so far, with where: an id is one rule's across every file.
  const seenIds = new Map<string, string>();
  const waivers: Waiver[] = [];
  const cache = options.cacheDir ? openRulesCache(options.cacheDir) : undefined;
  for (const real of files) {
    const file = shown(real);
    let text: string;
    try {
      text = await readFile(real, 'utf8');
    } catch (e) {
      issues.push({ file, line: 0, column: 0, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const kept = await cache?.get(file, text);
    // A kept file still takes part in the checks across files: an id another file took first is the parse's to report.
    const loaded = kept && takeIds(kept, file, seenIds) ? { ok: true as const, file: kept } : loadFile(text, file, seenIds);
    if (!loaded.ok) {
      issues.push(...loaded.issues);
      continue;
    }
    if (cache && !kept) await cache.put(file, text, loaded.file);
    names.push(loaded.file.name);
    if (loaded.file.description) descriptions.push(loaded.file.description);
    rules.push(...loaded.file.rules);
    waivers.push(...loaded.file.waivers);
  }
  // Waivers may name rules of another file, so they are checked once every file is read.
  if (!issues.length) issues.push(...unknownWaiverRules(waivers, rules.map((r) => r.id)));
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    ruleset: { name: names.join(' + ') || 'rules', description: descriptions.join('\n') || undefined, files: files.map(shown), rules, ...(waivers.length ? { waivers } : {}) },
  };
}

/**
 * A YAML file (rules, or the scheduler's config) parsed with positions kept, or its syntax errors, each with
 * line, column and what to write instead.
 */
export function parseYaml(text: string, file: string): { ok: true; doc: Document; counter: LineCounter } | { ok: false; issues: ConfigIssue[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (!doc.errors.length) return { ok: true, doc, counter };
  return {
    ok: false,
    issues: doc.errors.map((err) => {
      const pos = counter.linePos(err.pos[0]);
      return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax error: ${err.message.split('\n')[0]}`, hint: yamlHint(err.code, err.message) };
    }),
  };
}

/** Parses and validates one rules file: its rules, or every problem in it, with line and column. */
function loadFile(text: string, file: string, seenIds: Map<string, string>): { ok: true; file: LoadedFile } | { ok: false; issues: ConfigIssue[] } {
  return quickLoad(text, file, seenIds) ?? fullLoad(text, file, seenIds);
}

/**
 * A file that loads without a problem, read the quick way (quick-parse.ts); undefined sends it the full way,
 * which finds every problem with its line and column, and the positions of waivers.
 */
function quickLoad(text: string, file: string, seenIds: Map<string, string>): { ok: true; file: LoadedFile } | undefined {
  const quick = quickParse(text);
  const data = quick?.data as RawRuleset | undefined;
  if (!quick || !data || typeof data !== 'object' || Array.isArray(data) || data.waivers !== undefined) return undefined;
  // The file's ids are taken only if it loads this way: otherwise the full way takes them, and must not meet its own.
  const ids = new Map(seenIds);
  if (dataIssues(data, file, ids).length > 0 || quick.rulePositions.length !== (data.rules ?? []).length) return undefined;
  for (const [id, where] of ids) seenIds.set(id, where);
  return { ok: true, file: loadedFile(data, file, (i) => quick.rulePositions[i]!, []) };
}

function fullLoad(text: string, file: string, seenIds: Map<string, string>): { ok: true; file: LoadedFile } | { ok: false; issues: ConfigIssue[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const { doc, counter } = parsed;
  const data = doc.toJS() as RawRuleset;
  const fileIssues = validateDocument(data, doc, counter, file, seenIds);
  if (fileIssues.length) return { ok: false, issues: fileIssues };
  const read = readWaivers(data.waivers, doc, counter, file);
  if (read.issues.length) return { ok: false, issues: read.issues };
  return { ok: true, file: loadedFile(data, file, (i) => locate(doc, counter, pointerSegments(`/rules/${i}`)), read.waivers) };
}

/** What a file that validated adds to the rule set: its rules at the positions given, and its waivers. */
function loadedFile(data: RawRuleset, file: string, positionOf: (rule: number) => { line: number; column: number }, waivers: Waiver[]): LoadedFile {
  const aliases = toAliases(data.aliases);
  const rules = (data.rules ?? []).map((rule, i): Rule => {
    const { line, column } = positionOf(i);
    return {
      ...rule,
      target: rule.target ?? {},
      severity: rule.severity ?? data.defaults?.severity ?? 'error',
      aliases,
      position: { file, line, column },
    };
  });
  return { name: data.name, ...(data.description ? { description: data.description } : {}), rules, waivers };
}

/** Registers a kept file's rule ids as its parse would (`validateDocument`); false, with nothing taken, if one is taken already. */
function takeIds(file: LoadedFile, shownAs: string, seenIds: Map<string, string>): boolean {
  if (file.rules.some((r) => seenIds.has(r.id)) || new Set(file.rules.map((r) => r.id)).size !== file.rules.length) return false;
  file.rules.forEach((r, i) => seenIds.set(r.id, `by rule ${i + 1} of ${path.basename(shownAs)}`));
  return true;
}

export function yamlHint(code: string, message: string): string | undefined {
  if (/flow (map|collection)/i.test(message)) return 'close the { ... } or [ ... ] on the line where it starts, e.g. target: { object: Account }';
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys are indented by the same number of spaces';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a key must be followed by ":" and a space';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'put a ":" after the key, or quote a value that spans lines';
    default:
      return undefined;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const at = issue.path && issue.path !== '/' ? ` (at ${issue.path})` : '';
  return `${where}: ${issue.message}${at}${issue.hint ? ` — ${issue.hint}` : ''}`;
}

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { validateDocument } from './validate.js';
import { locate, pointerSegments } from './positions.js';
import type { ConfigIssue, Rule, Ruleset, Severity, Waiver } from './types.js';
import { toAliases, type RawAliases } from './aliases.js';
import { readWaivers, unknownWaiverRules, type RawWaiver } from '../waivers/read.js';

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

/**
 * Loads and validates rule files. Problems come back as data, every one of them
 * with file, line and column, so a rules author sees them all at once.
 */
export async function loadRuleset(paths: string[], options: { relativeTo?: string } = {}): Promise<LoadResult> {
  const found = await ruleFiles(paths);
  // Messages and reports name files the way the user sees them: relative to where sfaudit runs.
  const shown = (f: string) => (options.relativeTo ? path.relative(options.relativeTo, f) || f : f);
  const issues = found.issues.map((i) => ({ ...i, file: shown(i.file) }));
  const files = found.files;
  const rules: Rule[] = [];
  const names: string[] = [];
  const descriptions: string[] = [];
  const seenIds = new Map<string, string>();
  const waivers: Waiver[] = [];
  for (const real of files) {
    const file = shown(real);
    let text: string;
    try {
      text = await readFile(real, 'utf8');
    } catch (e) {
      issues.push({ file, line: 0, column: 0, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const pos = counter.linePos(err.pos[0]);
        issues.push({
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `YAML syntax error: ${err.message.split('\n')[0]}`,
          hint: yamlHint(err.code, err.message),
        });
      }
      continue;
    }
    const data = doc.toJS() as RawRuleset;
    const fileIssues = validateDocument(data, doc, counter, file, seenIds);
    if (fileIssues.length) {
      issues.push(...fileIssues);
      continue;
    }
    names.push(data.name);
    if (data.description) descriptions.push(data.description);
    const aliases = toAliases(data.aliases);
    (data.rules ?? []).forEach((rule, i) => {
      const { line, column } = locate(doc, counter, pointerSegments(`/rules/${i}`));
      rules.push({
        ...rule,
        target: rule.target ?? {},
        severity: rule.severity ?? data.defaults?.severity ?? 'error',
        aliases,
        position: { file, line, column },
      });
    });
    const read = readWaivers(data.waivers, doc, counter, file);
    waivers.push(...read.waivers);
    issues.push(...read.issues);
  }
  // Waivers may name rules of another file, so they are checked once every file is read.
  if (!issues.length) issues.push(...unknownWaiverRules(waivers, rules.map((r) => r.id)));
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    ruleset: { name: names.join(' + ') || 'rules', description: descriptions.join('\n') || undefined, files: files.map(shown), rules, ...(waivers.length ? { waivers } : {}) },
  };
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

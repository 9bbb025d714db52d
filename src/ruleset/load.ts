import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { validateDocument } from './validate.js';
import { locate, pointerSegments } from './positions.js';
import type { ConfigIssue, Rule, Ruleset, Severity } from './types.js';
import { toAliases, type RawAliases } from './aliases.js';

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
}

/**
 * Loads and validates rule files. Problems come back as data, every one of them
 * with file, line and column, so a rules author sees them all at once.
 */
export async function loadRuleset(paths: string[]): Promise<LoadResult> {
  const { files, issues } = await ruleFiles(paths);
  const rules: Rule[] = [];
  const names: string[] = [];
  const descriptions: string[] = [];
  const seenIds = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
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
          hint: yamlHint(err.code),
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
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    ruleset: { name: names.join(' + ') || 'rules', description: descriptions.join('\n') || undefined, files, rules },
  };
}

function yamlHint(code: string): string | undefined {
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

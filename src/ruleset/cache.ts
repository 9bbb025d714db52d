/**
 * Rule files as loaded before, kept under the `--cache` folder so that a
 * scheduled re-audit does not parse and validate the same YAML again: a
 * cold parse of a 600-rule file takes more CPU (100–200 ms) than the audit.
 *
 * Like the component cache, it is an optimisation only. An entry is found by
 * a digest of everything a loaded file depends on: the file's text and the
 * name it is shown by, sfaudit's version, and a stamp of sfaudit's own code
 * (names, sizes and modification times of its module files), so an edited
 * rule, a new release or a changed check kind all miss. Only files that
 * loaded without a problem are kept, so every error is still found by the
 * full parse, with its line and column. An entry that does not hash to the
 * digest stored with it (truncated, edited) or is of another format is a miss.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readDigested, writeDigested } from '../history/digested-file.js';
import { codeStamp } from '../history/code-stamp.js';
import { sha256 } from '../history/digest.js';
import type { Rule, Waiver } from './types.js';

/** Bumped when what an entry holds changes shape. */
const FORMAT = 1;
/** Entries kept; beyond this the least recently written go (a rule set edited daily leaves one per day). */
const MAX_ENTRIES = 64;

/** One rules file, loaded and validated: what the loader adds to the rule set for it. */
export interface LoadedFile {
  name: string;
  description?: string;
  rules: Rule[];
  waivers: Waiver[];
}

export interface RulesCache {
  /** The file loaded before from exactly this text under this name, if kept. */
  get(shown: string, text: string): Promise<LoadedFile | undefined>;
  /** Keeps a file that loaded without problems. Never throws: a cache that cannot be written only costs a parse. */
  put(shown: string, text: string, file: LoadedFile): Promise<void>;
}

async function keyOf(shown: string, text: string): Promise<string> {
  return sha256(`${FORMAT}\0${await codeStamp()}\0${shown}\0${text}`);
}

/** JSON that reads back as the value: a number JSON cannot hold (.inf, .nan) makes the file not worth keeping. */
function toJson(file: LoadedFile): string | undefined {
  let exact = true;
  const text = JSON.stringify(file, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) exact = false;
    return value;
  });
  return exact ? text : undefined;
}

/** The rules cache in `<dir>/rules`, beside the org component cache. */
export function openRulesCache(dir: string): RulesCache {
  // Worked out while the rule files are read: every entry's key needs it.
  void codeStamp();
  const folder = path.join(dir, 'rules');
  const fileOf = (key: string) => path.join(folder, `${key}.json`);
  return {
    async get(shown, text) {
      const key = await keyOf(shown, text);
      const stored = await readDigested(fileOf(key));
      if (stored?.header.format !== FORMAT || stored.header.key !== key) return undefined;
      try {
        const file = JSON.parse(stored.body) as Partial<LoadedFile>;
        const valid =
          typeof file.name === 'string' &&
          Array.isArray(file.rules) &&
          Array.isArray(file.waivers) &&
          file.rules.every((r) => r && typeof r.id === 'string' && typeof r.kind === 'string' && r.position?.file === shown);
        return valid ? (file as LoadedFile) : undefined;
      } catch {
        return undefined; // not JSON: parse the file
      }
    },
    async put(shown, text, file) {
      const key = await keyOf(shown, text);
      const json = toJson(file);
      if (json === undefined) return;
      try {
        await writeDigested(fileOf(key), { format: FORMAT, key }, json);
        await prune(folder);
      } catch {
        // Read-only or full disk: the next run parses the file again.
      }
    },
  };
}

async function prune(folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, at: (await stat(path.join(folder, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => a.at - b.at);
  for (const { n } of dated.slice(0, dated.length - MAX_ENTRIES)) await rm(path.join(folder, n), { force: true });
}

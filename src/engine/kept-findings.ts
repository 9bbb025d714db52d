/**
 * Findings kept from one re-audit to the next, in the cache folder: a rule that reads nothing but what it
 * needs (`readsOnlyNeeds`) finds again what it found last time when none of that changed, as the org's
 * listings tell (each component's id and lastModifiedDate: see needVersions). Such a rule is not checked
 * again, and the cached records only such rules need are neither parsed nor served. On a big org re-audited
 * after 1% of it changed, that is most of the rules and most of the records. ESLint's `--cache` does the
 * same for files whose content and configuration did not change.
 *
 * Like the record cache, it is an optimisation only. A rule keeps its findings only when all of these hold:
 * - the rule is the same, to the letter (its JSON), and so is sfaudit (`codeStamp`: version and module files);
 * - everything it needs was listed with a usable version, the same as when the findings were kept. A rule
 *   that needs fields is always checked again: their labels may come from REST describe, which no listing
 *   versions;
 * - the file holding the findings hashes to the digest stored with it (one cut short or edited is ignored
 *   whole), and the findings have the shape of an evaluation.
 * Findings with an error in them (a component that could not be read, say) are never kept.
 */
import path from 'node:path';
import { CHECK_KINDS } from '../checks/index.js';
import { readDigested, writeDigested } from '../history/digested-file.js';
import { codeStamp } from '../history/code-stamp.js';
import { sha256 } from '../history/digest.js';
import { childByType } from '../model/metadata-types.js';
import { layoutObject, nestingObject } from '../model/names.js';
import type { Rule } from '../ruleset/types.js';
import type { FindingsKeeper } from '../sources/org/read-org.js';
import type { Evaluation } from './audit.js';
import { needsOf } from './needs.js';
import { pacer } from '../sources/org/pacer.js';

/** Bumped when what the file holds changes shape. 2: a line per rule (1: one JSON object). */
const FORMAT = 2;
const FILE = 'findings.json';

/** What is kept of a rule: what it found, and what its needs were listed at then. */
interface Kept {
  fingerprint: string;
  evaluation: Evaluation;
}

/** A rule's line in the file: what is kept of it, under its key. */
type KeptLine = Kept & { key: string };

/** What was read of a rule from the file: what was kept, and the line that said it. */
type Read = Kept & { line: string };

export interface KeptFindings {
  /** The keeper for the reader, its file in the org's cache folder (known once connected). Never rejects. */
  open(folder: string): Promise<FindingsKeeper>;
  /** The rules that keep their findings, with them: known once the reader has settled them (none before). */
  hits(): ReadonlyMap<Rule, Evaluation>;
  /** What the audit made of a rule (AuditOptions.kept). */
  record(rule: Rule, evaluation: Evaluation): void;
  /** Keeps this run's findings for the next one. Never throws: a file that cannot be written costs checks next time. */
  save(): Promise<void>;
}

/** Whether a rule's findings may be kept: its kind reads only its needs, and the listings can version each of them. */
function keepable(rule: Rule): boolean {
  const needs = needsOf(rule);
  return (
    !!CHECK_KINDS[rule.kind]?.readsOnlyNeeds &&
    needs.length > 0 &&
    needs.every((n) => n.type === 'CustomObject' || n.type === 'Layout' || (!!childByType(n.type) && n.type !== 'CustomField'))
  );
}

/**
 * Which cached components `rules` may read: those their needs name, when each of them reads only its needs;
 * every component as soon as one may read anything (a kind without `readsOnlyNeeds`, a need of another type).
 * A rule that needs nothing reads nothing.
 */
export function wantedBy(rules: readonly Rule[]): (type: string, fullName: string) => boolean {
  const everything = () => true;
  const objects = new Set<string>();
  const layoutObjects = new Set<string>();
  const layouts = new Set<string>();
  for (const rule of rules) {
    const needs = needsOf(rule);
    if (needs.length === 0) continue;
    if (!CHECK_KINDS[rule.kind]?.readsOnlyNeeds) return everything;
    for (const need of needs) {
      if (need.type === 'Layout' && (need.name || need.object)) {
        if (need.name) layouts.add(need.name.toLowerCase());
        else layoutObjects.add(need.object!.toLowerCase());
        continue;
      }
      const object = need.type === 'CustomObject' ? need.name : childByType(need.type) ? nestingObject(need) : undefined;
      if (!object) return everything;
      objects.add(object.toLowerCase());
    }
  }
  return (type, fullName) => {
    const name = fullName.toLowerCase();
    if (type === 'CustomObject') return objects.has(name);
    if (type === 'Layout') return layouts.has(name) || layoutObjects.has(layoutObject(fullName).toLowerCase());
    return true;
  };
}

function isEvaluation(value: unknown): value is Evaluation {
  const e = value as Partial<Evaluation> | null;
  return (
    !!e &&
    typeof e === 'object' &&
    Array.isArray(e.outcomes) &&
    e.outcomes.every((o) => !!o && typeof o === 'object' && typeof (o as { status?: unknown }).status === 'string') &&
    Array.isArray(e.ruleNotes) &&
    e.ruleNotes.every((n) => typeof n === 'string') &&
    !!e.counts &&
    typeof e.counts === 'object' &&
    Object.values(e.counts).every((n) => typeof n === 'number')
  );
}

/**
 * The findings file as kept, by rule key; empty when there is none or it fails its digest. A line per rule,
 * so that saving it again writes the lines of the rules that kept their findings as they were read: on a big
 * re-audit that is most of them, and turning them all into JSON again took 6-8 ms at the end of the run.
 */
async function readKept(file: string): Promise<Map<string, Read>> {
  const out = new Map<string, Read>();
  const kept = await readDigested(file);
  if (kept?.header.format !== FORMAT) return out;
  try {
    for (const line of kept.body.split('\n')) {
      const entry = JSON.parse(line) as Partial<KeptLine> | null;
      if (typeof entry?.key === 'string' && typeof entry.fingerprint === 'string' && isEvaluation(entry.evaluation)) {
        out.set(entry.key, { fingerprint: entry.fingerprint, evaluation: entry.evaluation, line });
      }
    }
  } catch {
    // Not JSON: every rule is checked.
    out.clear();
  }
  return out;
}

/** Findings kept for `rules` (which may still be loading) under a cache folder. */
export function keptFindings(rules: PromiseLike<readonly Rule[]>): KeptFindings {
  let file: string | undefined;
  let kept = new Map<string, Read>();
  const keys = new Map<Rule, string>();
  const fingerprints = new Map<Rule, string>();
  const hits = new Map<Rule, Evaluation>();
  const evaluations = new Map<Rule, Evaluation>();

  return {
    async open(folder) {
      file = path.join(folder, FILE);
      let list: readonly Rule[] = [];
      const stamping = codeStamp();
      try {
        [list, kept] = await Promise.all([rules, readKept(file)]);
      } catch {
        // Rules that do not load are the caller's to report: nothing is kept.
      }
      const stamp = await stamping;
      for (const rule of list) if (keepable(rule)) keys.set(rule, sha256(`${FORMAT}\0${stamp}\0${JSON.stringify(rule)}`));
      return {
        // Until the listings tell, a rule kept last time is expected to keep its findings again.
        mayWant: wantedBy(list.filter((rule) => !kept.has(keys.get(rule) ?? ''))),
        async settle(versionOf) {
          // Paced: the reads of what changed were just asked for, and go out over several turns of the event loop.
          const pace = pacer();
          for (const [rule, key] of keys) {
            await pace();
            const versions = needsOf(rule).map(versionOf);
            if (versions.some((v) => v === undefined)) continue;
            const fingerprint = sha256(versions.join('\0'));
            fingerprints.set(rule, fingerprint);
            const before = kept.get(key);
            if (before?.fingerprint === fingerprint) hits.set(rule, before.evaluation);
          }
          return wantedBy(list.filter((rule) => !hits.has(rule)));
        },
        keeping: () => hits.size,
      };
    },
    hits: () => hits,
    record(rule, evaluation) {
      evaluations.set(rule, evaluation);
    },
    async save() {
      if (!file) return;
      const lines: string[] = [];
      let fresh = false;
      for (const [rule, fingerprint] of fingerprints) {
        const evaluation = evaluations.get(rule);
        if (!evaluation || evaluation.outcomes.some((o) => o.status === 'error')) continue;
        const key = keys.get(rule)!;
        const before = kept.get(key);
        if (before && hits.get(rule) === evaluation) {
          lines.push(before.line);
        } else {
          lines.push(JSON.stringify({ key, fingerprint, evaluation } satisfies KeptLine));
          fresh = true;
        }
      }
      // Every rule kept what it had, and nothing else was there: the file already says this.
      if (!fresh && lines.length === kept.size) return;
      try {
        await writeDigested(file, { format: FORMAT }, lines.join('\n'));
      } catch {
        // Read-only or full disk: every rule is checked next time.
      }
    },
  };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatIssue, loadRuleset, type LoadResult } from '../../src/ruleset/load.js';
import { RITUAL } from '../support/audit-helpers.js';

let dir: string;
let cacheDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sfaudit-rules-cache-'));
  cacheDir = path.join(dir, 'cache');
});
afterEach(async () => {
  await chmod(cacheDir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const entries = async () => (await readdir(path.join(cacheDir, 'rules')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
const entryFiles = async () => (await entries()).map((n) => path.join(cacheDir, 'rules', n));

function ruleFile(id: string, step = 'Contacts: default list view'): string {
  return `name: ${id}
rules:
  - id: ${id}
    step: "${step}"
    kind: list-view
    target: { object: Contact, listView: All Contacts }
    expect:
      filterScope: Everything
`;
}

function issues(result: LoadResult): string[] {
  return result.ok ? [] : result.issues.map((i) => formatIssue({ ...i, file: path.basename(i.file) }));
}

describe('loadRuleset with a cache folder', () => {
  it('keeps a loaded file and gives back the same rule set from it', async () => {
    const plain = await loadRuleset([RITUAL]);
    const first = await loadRuleset([RITUAL], { cacheDir });
    expect(await entries()).toHaveLength(1);
    const second = await loadRuleset([RITUAL], { cacheDir });
    expect(first).toEqual(plain);
    expect(second).toEqual(plain);
  });

  it('serves the kept file: the entry, not the YAML, is what the second load returns', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, ruleFile('a'));
    await loadRuleset([file], { cacheDir });
    // The test rewrites the kept step and its digest, as the cache itself would have: proof the entry is read.
    const [entry] = await entryFiles();
    const [header, json] = (await readFile(entry!, 'utf8')).split('\n') as [string, string];
    const edited = json.replace('Contacts: default list view', 'from the cache');
    const digest = (await import('node:crypto')).createHash('sha256').update(edited).digest('hex');
    await writeFile(entry!, `${JSON.stringify({ ...JSON.parse(header), digest })}\n${edited}`);
    const served = await loadRuleset([file], { cacheDir });
    expect(served.ok && served.ruleset.rules[0]!.step).toBe('from the cache');
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length - 20)],
    ['edited by hand', (text: string) => text.replace('Contacts: default list view', 'Edited')],
    ['not JSON', () => 'garbage'],
    ['of another format', (text: string) => text.replace('"format":1', '"format":0')],
  ])('an entry %s is not served: the file is parsed again', async (_what, hurt) => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, ruleFile('a'));
    const plain = await loadRuleset([file]);
    await loadRuleset([file], { cacheDir });
    for (const entry of await entryFiles()) await writeFile(entry, hurt(await readFile(entry, 'utf8')));
    expect(await loadRuleset([file], { cacheDir })).toEqual(plain);
  });

  it('loads an edited file afresh, and still reports its problems with line and column', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, ruleFile('a'));
    await loadRuleset([file], { cacheDir });
    await writeFile(file, ruleFile('a', 'Renamed step'));
    const renamed = await loadRuleset([file], { cacheDir });
    expect(renamed.ok && renamed.ruleset.rules[0]!.step).toBe('Renamed step');
    await writeFile(file, ruleFile('a').replace('kind: list-view', 'kind: list-veiw'));
    expect(issues(await loadRuleset([file], { cacheDir }))).toEqual(['a.yaml:5:11: unknown kind "list-veiw" (at /rules/0/kind) — did you mean "list-view"?']);
  });

  it('keeps only files that load without problems', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, ruleFile('a').replace('kind: list-view', 'kind: list-veiw'));
    expect((await loadRuleset([file], { cacheDir })).ok).toBe(false);
    expect(await entries()).toEqual([]);
  });

  it('still finds an id two kept files share, where the parse puts it', async () => {
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    await writeFile(a, ruleFile('same'));
    await writeFile(b, ruleFile('same', 'Another step'));
    // Each loaded alone, so each is kept; together they clash.
    await loadRuleset([a], { cacheDir });
    await loadRuleset([b], { cacheDir });
    expect(await entries()).toHaveLength(2);
    const together = await loadRuleset([a, b], { cacheDir });
    expect(issues(together)).toEqual(issues(await loadRuleset([a, b])));
    expect(issues(together)).toEqual(['b.yaml:3:9: duplicate rule id "same" (first used by rule 1 of a.yaml) (at /rules/0/id) — give each rule its own id']);
  });

  it('names files as the load shows them: the same text under another name is another entry', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, ruleFile('a'));
    await loadRuleset([file], { cacheDir });
    const relative = await loadRuleset([file], { cacheDir, relativeTo: dir });
    expect(relative.ok && relative.ruleset.rules[0]!.position.file).toBe('a.yaml');
    expect(await entries()).toHaveLength(2);
  });

  it('loads the rules when the cache folder cannot be written', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFile(file, ruleFile('a'));
    await writeFile(cacheDir, 'a file where the folder should be');
    const loaded = await loadRuleset([file], { cacheDir });
    expect(loaded).toEqual(await loadRuleset([file]));
  });
});

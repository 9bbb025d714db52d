import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadRuleset, formatIssue } from '../../src/ruleset/load.js';
import { FIXTURES, RITUAL } from '../support/audit-helpers.js';

const bad = (name: string) => path.join(FIXTURES, 'rules', name);

async function issuesOf(file: string) {
  const result = await loadRuleset([file]);
  if (result.ok) throw new Error(`${file} unexpectedly valid`);
  return result.issues.map((i) => formatIssue({ ...i, file: path.basename(i.file) }));
}

describe('loadRuleset', () => {
  it('loads the bundled ritual', async () => {
    const result = await loadRuleset([RITUAL]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ruleset.rules.length).toBeGreaterThan(20);
    const rule = result.ruleset.rules.find((r) => r.id === 'account-highlights')!;
    expect(rule.severity).toBe('error');
    expect(rule.position).toMatchObject({ line: expect.any(Number), column: 5 });
    expect(rule.aliases.components.Activity).toEqual({ component: 'runtime_sales_activities:activityPanel' });
  });

  it.each([
    ['invalid-syntax.yaml', 'invalid-syntax.yaml:7:5: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a } — close the { ... } or [ ... ] on the line where it starts, e.g. target: { object: Account }'],
    ['invalid-key.yaml', 'invalid-key.yaml:8:7: unknown key "feilds" (at /rules/0/expect/feilds) — did you mean "fields"?'],
    ['invalid-kind.yaml', 'invalid-kind.yaml:5:11: unknown kind "layout-sectoin" (at /rules/0/kind) — did you mean "layout-section"?'],
    ['invalid-duplicate-id.yaml', 'invalid-duplicate-id.yaml:8:9: duplicate rule id "contacts-default-list-view" (first used by rule 1 of invalid-duplicate-id.yaml) (at /rules/1/id) — give each rule its own id'],
    ['invalid-object.yaml', 'invalid-object.yaml:6:23: unknown object "Oportunity" (at /rules/0/target/object) — did you mean "Opportunity"?'],
  ])('%s gets one precise message', async (file, message) => {
    expect(await issuesOf(bad(file))).toEqual([message]);
  });

  it('reports a bad regex with its position and how to write it', async () => {
    const [issue] = await issuesOf(bad('invalid-regex.yaml'));
    expect(issue).toMatch(/^invalid-regex\.yaml:9:41: bad regular expression: .*Unterminated group .*— write a JavaScript regular expression/);
  });

  it('reports a missing rules path as data, not an exception', async () => {
    const result = await loadRuleset([bad('nope.yaml')]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toBe('no such file or directory');
  });

  it('collects every problem of a file at once', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-rules-'));
    const file = path.join(dir, 'many.yaml');
    await writeFile(
      file,
      [
        'name: Many problems',
        'defaults: { severity: critical }',
        'rules:',
        '  - id: Bad Id',
        '    step: x',
        '    kind: tabs',
        '    target: { profile: Standard User, colour: blue }',
        '    expect: { visible: [] }',
        '',
      ].join('\n'),
    );
    const issues = await issuesOf(file);
    expect(issues).toEqual([
      'many.yaml:2:23: unknown value "critical" (at /defaults/severity) — write one of: error, warning, info',
      'many.yaml:4:9: "Bad Id" is not a valid id (at /rules/0/id) — use lowercase letters, digits, "-", "_" or ".", starting with a letter or digit (e.g. account-accounting-section)',
      'many.yaml:7:39: unknown key "colour" (at /rules/0/target/colour) — allowed keys here: profile, app',
      'many.yaml:8:24: must not be empty (at /rules/0/expect/visible)',
    ]);
  });
});

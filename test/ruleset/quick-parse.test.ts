import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { planOrg, SMALL_SHAPE } from '../../bench/generate/plan.js';
import { orgWideRules } from '../../bench/scenarios.js';
import { locate, pointerSegments } from '../../src/ruleset/positions.js';
import { quickParse } from '../../src/ruleset/quick-parse.js';
import { loadRuleset } from '../../src/ruleset/load.js';
import { ROOT } from '../support/audit-helpers.js';

/** What the full parse (yaml, as load.ts reads a file) says: the data, and where each rule starts. */
function fullParse(text: string): { data: unknown; rulePositions: Array<{ line: number; column: number }> } | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return undefined;
  const data = doc.toJS() as { rules?: unknown };
  const rules = Array.isArray(data?.rules) ? data.rules : [];
  return { data, rulePositions: rules.map((_, i) => locate(doc, counter, pointerSegments(`/rules/${i}`))) };
}

const EDGE_CASES: Record<string, string> = {
  'comments and blank lines between rules, an item on the line after its dash': `name: x
rules:
  # first
  - id: a
    kind: manual
    step: one

  # second, its keys on the next line
  -
    id: b
    kind: manual
    step: two
`,
  'flow style': `{ name: x, rules: [ { id: a, kind: manual, step: one }, {id: b, kind: manual, step: "two, three"} ] }`,
  'a document marker, CRLF line ends, quoted and folded strings': '---\r\nname: "x"\r\ndescription: >\r\n  folded\r\n  text\r\nrules:\r\n  - id: \'a\'\r\n    kind: manual\r\n    step: |\r\n      kept\r\n      lines\r\n',
  'numbers, booleans, nulls and dates stay as YAML 1.2 reads them': `name: x
rules:
  - id: a
    kind: manual
    step: 2026-01-05
    note: [1, 1.5, 0x1F, 0o17, true, false, ~, null, yes, "007"]
`,
  'rules nested elsewhere, and "rules" as a value': `name: rules
description: rules
aliases: { rules: [ { id: not-a-rule } ] }
rules:
      - id: a
        kind: manual
        step: one
`,
  'a merge key, an alias as a rule, a tagged string, a quoted "rules" key': `name: x
base: &base { kind: manual, step: shared }
"rules":
  - &r
    id: a
    <<: *base
    step: !!str 12
  - *r
`,
  'anchors and aliases': `name: x
defaults: &d { severity: warning }
rules:
  - &first
    id: a
    kind: manual
    step: one
  - id: b
    kind: manual
    step: two
    extra: *d
`,
};

describe('rules files read the quick way (js-yaml) and the full way (yaml)', () => {
  const files: Array<[string, string]> = [
    ['rules/ritual.yaml', readFileSync(path.join(ROOT, 'rules', 'ritual.yaml'), 'utf8')],
    ['the bench org-wide rules', orgWideRules(planOrg(1, SMALL_SHAPE))],
    ...readdirSync(path.join(ROOT, 'fixtures', 'rules')).map((f): [string, string] => [`fixtures/rules/${f}`, readFileSync(path.join(ROOT, 'fixtures', 'rules', f), 'utf8')]),
    ...Object.entries(EDGE_CASES),
  ];

  it.each(files)('%s: the same data and rule positions', (_name, text) => {
    const full = fullParse(text);
    const quick = quickParse(text);
    // A file the full parse rejects is the full parse's to report: the quick one may read it or not.
    if (!full) return;
    expect(quick?.data).toEqual(full.data);
    // Where it cannot place every rule (a flow-style list), load.ts reads the file the full way.
    if (quick!.rulePositions.length === full.rulePositions.length) expect(quick!.rulePositions).toEqual(full.rulePositions);
    else expect(_name).toBe('flow style');
  });

  it('a syntax error, a duplicate key, two documents: not read the quick way, so that the full parse reports them', () => {
    expect(quickParse('rules: [ { id: a ')).toBeUndefined();
    expect(quickParse('name: a\nname: b\n')).toBeUndefined();
    expect(quickParse('name: a\n---\nname: b\n')).toBeUndefined();
  });

  it('loads a file the quick way as the full way would: rules, severities, aliases and positions', async () => {
    const ritual = path.join(ROOT, 'rules', 'ritual.yaml');
    const loaded = await loadRuleset([ritual]);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const full = fullParse(readFileSync(ritual, 'utf8'))!;
    expect(loaded.ruleset.rules.map((r) => ({ line: r.position.line, column: r.position.column }))).toEqual(full.rulePositions);
    expect(loaded.ruleset.rules.map(({ position: _p, aliases: _a, severity: _s, target: _t, ...rule }) => rule)).toEqual(
      ((full.data as { rules: Array<Record<string, unknown>> }).rules).map(({ severity: _s, target: _t, ...rule }) => rule),
    );
  });
});

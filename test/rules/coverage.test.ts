import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ritual, ROOT } from '../support/audit-helpers.js';

const table = readFileSync(path.join(ROOT, 'rules', 'README.md'), 'utf8');
const spec = readFileSync(path.resolve(ROOT, '../shared/spec/ritual.md'), 'utf8');

describe('rules/README.md maps the whole ritual to rules/ritual.yaml', () => {
  it('every rule in ritual.yaml is in the table, and every id in the table exists', async () => {
    const ids = (await ritual()).rules.map((r) => r.id);
    const inTable = new Set([...table.matchAll(/`([a-z0-9][a-z0-9._-]*)`/g)].map((m) => m[1]!).filter((id) => id.includes('-')));
    for (const id of ids) expect(inTable, `rule ${id} missing from rules/README.md`).toContain(id);
    for (const id of inTable) expect(ids, `rules/README.md names unknown rule ${id}`).toContain(id);
  });

  it('every ritual bullet has a row', () => {
    const bullets = spec.split('---')[1]!.split('\n').filter((l) => /^\s*- /.test(l));
    const rows = table.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    // Some bullets hold two checks and got two rows; none may be left out.
    expect(rows.length).toBeGreaterThanOrEqual(bullets.length - 4); // the four "Click on the X tab" headers are not checks
    for (const row of rows) expect(row).toMatch(/`[a-z]/);
  });
});

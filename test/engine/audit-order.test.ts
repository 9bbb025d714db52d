import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { audit, startOrder } from '../../src/engine/audit.js';
import { folderRecordSource } from '../../src/records/folder-source.js';
import type { RecordSource } from '../../src/records/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, ritual } from '../support/audit-helpers.js';

/**
 * Rules run side by side (data rules wait on the network), so they finish in any order; the report must not
 * show it. Records here arrive slower for the rules that come first, so completion order is reversed.
 */
describe('audit: rules side by side, report in rule order', () => {
  it('gives the report of one rule after another, whatever order the rules finish in', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const rules = await ritual();
    const folder = folderRecordSource(org.records);
    let calls = 0;
    const slowFirst: RecordSource = {
      kind: 'folder',
      async *query(query) {
        await sleep(Math.max(0, 40 - 15 * calls++));
        yield* folder.query(query);
      },
    };
    const options = { now: NOW, links: { network: false }, records: slowFirst };
    const oneByOne = await audit(org, rules, { ...options, rulesAtOnce: 1 });
    calls = 0;
    const sideBySide = await audit(org, rules, { ...options, rulesAtOnce: 8 });
    expect(rules.rules.filter((r) => r.kind === 'records' || r.kind === 'links').length).toBeGreaterThan(1);
    expect(sideBySide).toEqual(oneByOne);
  });
});

describe('startOrder', () => {
  it('starts the rules that query records first, then the others, each in rule order', async () => {
    const rules = (await ritual()).rules;
    const { first, rest } = startOrder(rules);
    const queries = (i: number) => rules[i]!.kind === 'records' || rules[i]!.kind === 'links';
    expect(first.length).toBeGreaterThan(1);
    expect(first.every(queries)).toBe(true);
    expect(rest.some(queries)).toBe(false);
    expect([...first, ...rest].sort((a, b) => a - b)).toEqual(rules.map((_, i) => i));
    for (const part of [first, rest]) expect(part).toEqual([...part].sort((a, b) => a - b));
  });
});

import { describe, expect, it } from 'vitest';
import { FAST, serveFleet, tokenEnv } from './helpers.js';
import { NOW, ritual } from '../../support/audit-helpers.js';
import type { Need } from '../../../src/checks/index.js';
import { checksAhead } from '../../../src/engine/ahead.js';
import { audit } from '../../../src/engine/audit.js';
import { checkDataAhead } from '../../../src/engine/data-ahead.js';
import { auditWhileReading } from '../../../src/engine/while-reading.js';
import { liveRecordSource } from '../../../src/records/live-source.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';

describe('the reader says what it holds while reads are on the way', () => {
  let emulator: SalesforceEmulator;
  serveFleet((e) => (emulator = e));

  it('once every read is sent, and again once the objects are in: the rules checked ahead add up, and the report is the same', async () => {
    const rules = await ritual();
    // The objects come back at once; the layouts, read in the round after, take a while.
    emulator.faults.latencyMs = 10;
    // Long enough for the objects to be in before them when the whole suite runs on two cores.
    emulator.faults.failNext(10, { hangMs: 1000 }, { method: 'readMetadata', type: 'Layout' });
    const objectsSettled: boolean[] = [];
    const layoutsSettled: boolean[] = [];
    const ahead = checksAhead(Promise.resolve(rules.rules));
    try {
      const read = await readLiveOrg(planNeeds(rules.rules), {
        env: tokenEnv(emulator),
        policy: FAST,
        onWaiting: (soFar, settled: (need: Need) => boolean) => {
          objectsSettled.push(settled({ type: 'CustomObject', name: 'Account' }));
          layoutsSettled.push(settled({ type: 'Layout', object: 'Account' }));
          ahead.onWaiting(soFar, settled);
        },
      });
      // Whether the objects were in when the last reads went out depends on timing; by the last time they were.
      expect(objectsSettled.at(-1)).toBe(true);
      expect(layoutsSettled.every((settled) => !settled)).toBe(true);
      const checked = (await ahead.checked())!;
      const kinds = new Set([...checked.keys()].map((rule) => rule.kind));
      expect([...kinds].sort()).toEqual(['compact-layout', 'fields-exist', 'list-view']);
      const options = { now: NOW, links: { network: false } };
      expect(await audit(read.org, rules, { ...options, ahead: checked })).toEqual(await audit(read.org, rules, options));
    } finally {
      emulator.faults.reset();
    }
  });

  it('checks the data rules as their records come, before slow layout reads are back: the same report', async () => {
    const rules = await ritual();
    emulator.faults.latencyMs = 10;
    emulator.faults.failNext(10, { hangMs: 1000 }, { method: 'readMetadata', type: 'Layout' });
    const links = { network: false } as const;
    const checkedAt: number[] = [];
    const meanwhile = auditWhileReading(Promise.resolve(rules.rules), {
      data: { links },
      checkData: (objects, list, data) => {
        const started = checkDataAhead(objects, list, data);
        for (const checking of started.values()) void checking.then(() => checkedAt.push(performance.now()));
        return started;
      },
    });
    let readAt = 0;
    try {
      const read = await readLiveOrg(planNeeds(rules.rules), { env: tokenEnv(emulator), policy: FAST, ...meanwhile.reading });
      readAt = performance.now();
      const { dataAhead } = meanwhile.forAudit();
      expect([...dataAhead!.keys()].map((rule) => rule.kind).sort()).toEqual(['links', 'links', 'records']);
      expect(checkedAt).toHaveLength(3);
      // Done while the layouts were still on the way (a second late), not after them.
      expect(Math.max(...checkedAt)).toBeLessThan(readAt);
      const calls = emulator.calls.length;
      const report = await audit(read.org, rules, { now: NOW, links, records: read.records, ...meanwhile.forAudit() });
      // The audit took them: no record asked for again.
      expect(emulator.calls.length).toBe(calls);
      const records = liveRecordSource(read.connection.conn);
      expect(report).toEqual({ ...(await audit(read.org, rules, { now: NOW, links, records })), stats: report.stats });
    } finally {
      emulator.faults.reset();
    }
  });

  it('rules that fail to load leave nothing checked ahead, and the audit checks every rule', async () => {
    const ahead = checksAhead(Promise.reject(new Error('no rules')));
    const rules = await ritual();
    const read = await readLiveOrg(planNeeds(rules.rules), { env: tokenEnv(emulator), policy: FAST, onWaiting: ahead.onWaiting });
    await expect(ahead.checked()).rejects.toThrow('no rules');
    const options = { now: NOW, links: { network: false } };
    expect(await audit(read.org, rules, { ...options, ahead: ahead.checked() })).toEqual(await audit(read.org, rules, options));
  });
});

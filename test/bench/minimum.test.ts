import { describe, expect, it } from 'vitest';
import { heldBoundMs, latencyBoundMs, minimumCalls, neededComponents, scheduleFloorMs, type Listing } from '../../bench/minimum.js';

const listing: Listing = new Map([
  ['Layout', Array.from({ length: 23 }, (_, i) => `Obj${i % 2}__c-Layout ${i}`)],
  ['ListView', Array.from({ length: 12 }, (_, i) => `Obj0__c.View${i}`)],
  ['CustomObject', ['Obj0__c', 'Obj1__c']],
  ['FlexiPage', ['A', 'B', 'C']],
  ['Profile', ['Admin', 'Standard']],
]);

describe('minimum calls', () => {
  it('lists what must be discovered, 3 types per call, and reads 10 components of a type per call', () => {
    const min = minimumCalls(
      [
        { type: 'Layout', object: 'Obj0__c' },
        { type: 'ListView', object: 'Obj0__c' },
        { type: 'CustomObject', name: 'Obj0__c' },
        { type: 'FlexiPage' },
        { type: 'Profile', name: 'Standard' },
        { type: 'Record', object: 'Obj0__c' }, // records come over REST: not a metadata call
      ],
      listing,
    );
    expect(min.listTypes).toEqual(['FlexiPage', 'Layout', 'ListView']);
    expect(min.listCalls).toBe(1);
    expect(min.reads).toEqual({
      CustomObject: { components: 1, calls: 1 },
      FlexiPage: { components: 3, calls: 1 },
      Layout: { components: 12, calls: 2 },
      ListView: { components: 12, calls: 2 },
      Profile: { components: 1, calls: 1 },
    });
    expect(min.total).toBe(1 + 7);
  });

  it('counts a component two rules need once, and a name the org does not list as one read', () => {
    const components = neededComponents(
      [
        { type: 'Layout', object: 'Obj1__c' },
        { type: 'Layout', object: 'Obj1__c' },
        { type: 'Profile', name: 'Standard User Label' },
      ],
      listing,
    );
    expect(components.get('Layout')?.size).toBe(11);
    expect(components.get('Profile')?.size).toBe(1);
  });

  it('with a warm cache, lists every type read and reads only what changed', () => {
    const changed = new Set(['Layout|Obj0__c-Layout 0', 'Layout|Obj1__c-Layout 1', 'CustomObject|Obj0__c', 'ListView|Obj1__c.Other']);
    const min = minimumCalls([{ type: 'Layout', object: 'Obj0__c' }, { type: 'CustomObject', name: 'Obj0__c' }], listing, changed);
    expect(min.listTypes).toEqual(['CustomObject', 'Layout']);
    expect(min.reads['Layout']).toEqual({ components: 1, calls: 1 });
    expect(min.reads['CustomObject']).toEqual({ components: 1, calls: 1 });
    expect(min.total).toBe(3);
  });

  it('bounds wall time by calls × latency / concurrency, and by the rounds that must wait for each other', () => {
    expect(latencyBoundMs(488, 100, 10)).toBe(4880);
    expect(latencyBoundMs(5, 100, 0)).toBe(500);
    const log = [
      { method: 'listMetadata', queries: [{ type: 'FlexiPage' }] },
      { method: 'readMetadata', type: 'Profile' },
      ...Array.from({ length: 12 }, () => ({ method: 'readMetadata', type: 'FlexiPage' })),
      { method: 'query' },
      { method: 'query' },
    ];
    // 2 calls need nothing (1 round); 12 wait for the listing and 2 queries for their objects (2 rounds).
    expect(scheduleFloorMs(log, 100, 10)).toBe(300);
    expect(scheduleFloorMs(log, 100, 1)).toBe((2 + 12 + 2) * 100);
    // A query's next page waits for the one before.
    expect(scheduleFloorMs([...log, { method: 'queryMore' }], 100, 10)).toBe(400);
    // The reading of the org's API usage comes first, a round of its own.
    expect(scheduleFloorMs([{ method: 'limits' }, ...log], 100, 10)).toBe(400);
    // A record page is read by the name its object gives: after the object.
    expect(scheduleFloorMs([{ method: 'readMetadata', type: 'CustomObject' }, { method: 'readMetadata', type: 'FlexiPage' }], 100, 10)).toBe(200);
    expect(heldBoundMs([{ heldMs: 120 }, { heldMs: 80 }, {}], 10)).toBe(20);
  });
});

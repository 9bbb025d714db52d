import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORTERS } from '../../src/reporters/index.js';
import { auditFolder, ORGS } from '../support/audit-helpers.js';
import { expectGolden } from '../support/golden.js';

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

describe('text and json reporters', () => {
  it('text: grouped by ritual step, expected/found/fix for each finding', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet'));
    expectGolden(golden('fleet.txt'), REPORTERS.text!.render(report, { color: false }));
  });

  it('text: colour only when asked (the CLI asks only on a TTY without NO_COLOR)', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet-clean'));
    expect(REPORTERS.text!.render(report)).not.toContain('\u001b[');
    expect(REPORTERS.text!.render(report, { color: true })).toContain('\u001b[32mPASS');
  });

  it('json: the versioned schema with summary and findings', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet'));
    const out = REPORTERS.json!.render(report);
    expectGolden(golden('fleet.json'), out);
    const parsed = JSON.parse(out);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.summary).toMatchObject({ verdict: 'fail', failed: 23, errors: 0, manual: 1 });
    for (const f of parsed.findings) {
      for (const key of ['ruleId', 'severity', 'status', 'metadataType', 'component', 'message']) expect(f).toHaveProperty(key);
      if (f.status === 'fail') {
        expect(f).toHaveProperty('expected');
        expect(f).toHaveProperty('actual');
      }
    }
  });
});

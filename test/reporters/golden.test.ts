import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS, type Report } from '../../src/index.js';
import { fleetReport, ROOT } from './fleet-report.js';

/**
 * Every format of the fleet audit must match its golden file byte for byte. After a
 * deliberate change (reporter, fixture or rules), regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/reporters/golden.test.ts
 * and read the diff before accepting it.
 */
const GOLDEN = path.join(ROOT, 'test/reporters/golden');
const FORMATS = ['markdown', 'junit', 'sarif', 'html'];

let report: Report;
beforeAll(async () => {
  report = await fleetReport();
});

describe('golden files for the fleet fixture', () => {
  it.each(FORMATS)('%s matches its golden file', async (format) => {
    const reporter = REPORTERS[format]!;
    const file = path.join(GOLDEN, `fleet.${reporter.extension}`);
    const rendered = reporter.render(report);
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(GOLDEN, { recursive: true });
      await writeFile(file, rendered);
    }
    const golden = await readFile(file, 'utf8').catch(() => {
      throw new Error(`no golden file ${path.relative(ROOT, file)}: run with UPDATE_GOLDEN=1 and check it by eye`);
    });
    expect(rendered).toBe(golden);
  });

  it('renders the same text twice (pure, no clock or randomness)', () => {
    for (const format of FORMATS) expect(REPORTERS[format]!.render(report)).toBe(REPORTERS[format]!.render(structuredClone(report)));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS, type Report } from '../../src/index.js';
import { escapeMarkdown, markdownCode } from '../../src/reporters/escape.js';
import { fleetReport } from './fleet-report.js';

let report: Report;
beforeAll(async () => {
  report = await fleetReport();
});

/** Cells of a table row, split on pipes that are not backslash-escaped. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('markdown reporter', () => {
  it('starts with the verdict and a table by ritual step', () => {
    const md = REPORTERS.markdown!.render(report);
    expect(md.split('\n').slice(0, 3)).toEqual(['# sfaudit report: Validate Salesforce data', '', expect.stringMatching(/^❌ \*\*FAIL: \d+ discrepancies/)]);
    const steps = new Set(report.rules.map((r) => r.step)).size;
    const table = md.split('## By ritual step')[1]!.split('## Findings')[0]!.split('\n').filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(steps + 2);
    for (const row of table) expect(cells(row)).toHaveLength(6);
  });

  it('draws a missing field where it belongs in the found column', () => {
    const md = REPORTERS.markdown!.render(report);
    expect(md).toContain('| **LinkedIn company URL (LinkedIn_Company_URL__c)** ⛔ *missing* | ⛔ *missing here: LinkedIn company URL (LinkedIn_Company_URL__c)* |');
  });

  it('keeps hostile org text from breaking the table or becoming markup', () => {
    const f = report.findings[0]!;
    const nasty = 'a | b <img src=x onerror=alert(1)> *bold* [link](https://evil.example) `code` &amp;\nnext';
    const md = REPORTERS.markdown!.render({ ...report, findings: [{ ...f, expected: nasty, actual: nasty, component: nasty }] });
    const row = md.split('\n').find((l) => l.startsWith('| a '))!;
    expect(cells(row)).toHaveLength(2);
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).not.toMatch(/(?<!\\)\*bold(?<!\\)\*/);
  });

  it('escapes only what could be markup', () => {
    expect(escapeMarkdown('LinkedIn_Company_URL__c')).toBe('LinkedIn_Company_URL__c');
    expect(escapeMarkdown('_x_ *y* <z> a|b ~s~ &lt; AT&T')).toBe('\\_x\\_ \\*y\\* \\<z\\> a\\|b \\~s\\~ \\&lt; AT&T');
    expect(escapeMarkdown('/\\b20\\d{2}\\b/')).toBe('/\\b20\\d{2}\\b/');
    expect(markdownCode('a`b')).toBe('``a`b``');
  });
});

import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS, type Report } from '../../src/index.js';
import { slackMessage } from '../../src/notify/slack-blocks.js';
import { componentUrl } from '../../src/reporters/links.js';
import { fleetReport } from './fleet-report.js';

/** Fields other features add (history, waivers, record links): shown when present, never required. */
let report: Report;
let enriched: Report;

beforeAll(async () => {
  report = await fleetReport();
  const [first, second, ...rest] = report.findings;
  enriched = {
    ...report,
    org: { kind: 'org', location: 'https://fleet.my.salesforce.com' },
    findings: [
      { ...first!, change: 'new', firstSeen: report.generatedAt },
      { ...second!, change: 'persisting', firstSeen: '2025-12-01T08:00:00.000Z' },
      ...rest.map((f, i) => (i === 0 ? { ...f, url: 'https://fleet.my.salesforce.com/lightning/r/Account/001000000000001AAA/view' } : f)),
    ],
    changes: { new: 1, persisting: 1, resolved: 1, unchecked: 0, since: '2025-12-29T08:00:00.000Z' },
    resolved: [{ ...second!, component: 'Old_Layout', change: 'resolved' }],
    waived: [{ ...first!, component: 'Waived_Profile', waiver: { rule: first!.ruleId, reason: 'Q1 migration', owner: 'ops@example.com', expires: '2026-03-31' } }],
    expiredWaivers: [{ rule: 'no-notes-on-accounts', reason: 'old', owner: 'sam@example.com', expires: '2025-12-31', matched: 1 }],
  };
});

describe('optional report fields', () => {
  it('markdown shows changes, waivers, resolved findings and record links', () => {
    const md = REPORTERS.markdown!.render(enriched);
    expect(md).toContain('Since the previous run (2025-12-29 08:00 UTC): 1 new, 1 resolved, 1 unchanged');
    expect(md).toContain('error · rule `standard-user-tabs` · new');
    expect(md).toContain('persisting since 2025-12-01');
    expect(md).toContain('## Waived discrepancies');
    expect(md).toContain('waived by ops@example.com until 2026-03-31: Q1 migration');
    expect(md).toContain('## Resolved since the previous run');
    expect(md).toContain('Expired waiver for no-notes-on-accounts');
    expect(md).toContain('**Open:** <https://fleet.my.salesforce.com/lightning/r/Account/001000000000001AAA/view>');
    expect(md).toContain('**Open:** <https://fleet.my.salesforce.com/lightning/setup/ObjectManager/Account/PageLayouts/view>');
  });

  it('html shows them too, and links only to http(s)', () => {
    const html = REPORTERS.html!.render({ ...enriched, findings: [...enriched.findings, { ...report.findings[0]!, url: 'javascript:alert(1)' }] });
    expect(html).toContain('data-testid="changes"');
    expect(html).toContain('<span class="badge change">new</span>');
    expect(html).toContain('data-testid="waived"');
    expect(html).toContain('data-testid="resolved"');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://fleet.my.salesforce.com/lightning/setup/EnhancedProfiles/home"');
  });

  it('junit skips waived discrepancies with who accepted them', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(REPORTERS.junit!.render(enriched));
    const cases = [doc.testsuites.testsuite].flat().flatMap((s: any) => [s.testcase].flat());
    const waived = cases.find((c: any) => String(c.name).endsWith('(waived)'));
    expect(waived.skipped.message).toBe('waived by ops@example.com until 2026-03-31: Q1 migration');
  });

  it('slack marks new findings and links to the org', () => {
    const text = JSON.stringify(slackMessage(enriched).blocks);
    expect(text).toContain('_(new)_');
    expect(text).toContain('Since the previous run (2025-12-29 08:00 UTC): 1 new, 1 resolved, 1 unchanged');
    expect(text).toContain('<https://fleet.my.salesforce.com/lightning/setup/ObjectManager/Account/PageLayouts/view|open in Salesforce>');
  });

  it('links to Setup pages only for a live org with an https instance URL', () => {
    const layout = report.findings.find((f) => f.metadataType === 'Layout')!;
    expect(componentUrl(report, layout)).toBeUndefined();
    expect(componentUrl({ ...report, org: { kind: 'org', location: 'my-alias' } }, layout)).toBeUndefined();
    const listView = report.findings.find((f) => f.metadataType === 'ListView')!;
    expect(componentUrl(enriched, listView)).toBe('https://fleet.my.salesforce.com/lightning/o/Account/list?filterName=Customers');
  });
});

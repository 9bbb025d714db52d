import { describe, expect, it } from 'vitest';
import { slackMessage, SLACK_LIMITS } from '../../src/notify/slack-blocks.js';
import { escapedWithin, slackEscape } from '../../src/notify/slack-text.js';
import { validateBlocks } from '../support/slack/index.js';
import { fleetReport } from '../reporters/fleet-report.js';
import { syntheticReport } from './synthetic.js';

const texts = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(texts) : value && typeof value === 'object' ? Object.values(value).flatMap(texts) : [];

describe('slack blocks', () => {
  it('the fleet report fits one message: header with org and verdict, counts, findings by step', async () => {
    const report = await fleetReport();
    const message = slackMessage(report);
    expect(validateBlocks(message.blocks)).toEqual([]);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', emoji: true, text: '❌ FAIL · Validate Salesforce data · fixtures/orgs/fleet' } });
    const summary = message.blocks[1] as any;
    expect(summary.fields.map((f: any) => f.text)).toContain(`*:red_circle: Errors*\n${report.summary.bySeverity.error}`);
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('Layout › Account-Account Layout › section "Additional Information"');
    expect(all).toContain('_expected:_ ordered: Account Name (Name)');
    // Every finding of the fleet fits: nothing is summarised away.
    expect(all).not.toMatch(/more in the full report/);
    expect(all.match(/^:red_circle: \*error\*/gm)).toHaveLength(report.summary.failed);
  });

  it('500 findings stay within Slack limits and the rest is counted', () => {
    const report = syntheticReport(500);
    const message = slackMessage(report, { fullReportHint: 'The full report is attached in the thread.' });
    expect(validateBlocks(message.blocks)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const all = texts(message.blocks).join('\n');
    const shown = all.match(/^:(red_circle|large_orange_circle):/gm)!.length;
    expect(shown).toBeGreaterThan(20);
    expect(all).toContain(`_and ${500 - shown} more in the full report_`);
    expect(all).toContain('The full report is attached in the thread.');
    for (const b of message.blocks as any[]) {
      if (b.type === 'section' && b.text) expect([...b.text.text].length).toBeLessThanOrEqual(3000);
    }
  });

  it('with more failing steps than fit, names the rest instead of dropping them', () => {
    const message = slackMessage(syntheticReport(500, 60));
    expect(validateBlocks(message.blocks)).toEqual([]);
    const other = (message.blocks as any[]).find((b) => b.text?.text.startsWith('*Other steps with findings:*')).text.text as string;
    const titled = (message.blocks as any[]).filter((b) => b.type === 'section' && /^:\w+: \*Step \d+[^\n]*\*$/m.test(b.text?.text.split('\n')[0] ?? '')).length;
    const listed = other.split('\n').filter((l) => / \(\d+\)$/.test(l)).length;
    const more = Number(/_…and (\d+) more steps_/.exec(other)?.[1] ?? 0);
    expect(titled + listed + more).toBe(60);
    expect(listed).toBeGreaterThan(5);
  });

  it('escapes & < > in everything from the org or the rules, so nobody is pinged and no link is disguised', () => {
    const report = syntheticReport(20, 2);
    const message = slackMessage(report);
    const all = [message.text, ...texts(message.blocks)].join('\n');
    expect(all).toContain('Account-&lt;!channel&gt; Layout');
    expect(all).toContain('Big ritual &lt;!here&gt;');
    expect(all).toContain('Record &lt;https://evil.example/login|Salesforce login&gt; &amp; &lt;@U123&gt;');
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
    // Our own links are the only angle brackets left: to the org's Setup pages.
    for (const link of all.match(/<[^>]*>/g) ?? []) expect(link).toMatch(/^<https:\/\/fleet\.my\.salesforce\.com\/lightning\/[^|<> ]+\|open in Salesforce>$/);
  });

  it('keeps escaped text within a limit without cutting an entity', () => {
    const cut = escapedWithin('<'.repeat(100), 150);
    expect([...cut].length).toBeLessThanOrEqual(150);
    expect(cut).toMatch(/^(&lt;)+…$/);
    expect(slackEscape('a & b <c>')).toBe('a &amp; b &lt;c&gt;');
    const header = slackMessage({ ...syntheticReport(1, 1), ruleset: { name: '&'.repeat(400), files: [] } }).blocks[0] as any;
    expect([...header.text.text].length).toBeLessThanOrEqual(150);
    expect(validateBlocks([header])).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS, type Report } from '../../src/index.js';
import { fleetReport, ROOT } from './fleet-report.js';

/**
 * The HTML report in a real browser (Debian's chromium; `.ci/run` installs it):
 * what a person sees, and that the page needs nothing but itself.
 */
// Debian's chromium here and in .ci/run; other CI images point CHROMIUM_PATH at their Chrome.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = path.join(ROOT, 'test-output');

let browser: Browser;
let report: Report;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  report = await fleetReport();
  await mkdir(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

/** Opens the rendered report from a file, as someone double-clicking it would; anything that is not the file itself is refused and recorded. */
async function open(r: Report, name: string): Promise<Opened> {
  const file = path.join(OUT, `${name}.html`);
  await writeFile(file, REPORTERS.html!.render(r));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const self = pathToFileURL(file).href;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(self, { waitUntil: 'load' });
  return { page, problems, requests };
}

describe('html reporter in headless Chromium', () => {
  it('shows the verdict, the counts and a highlighted missing field, with no console errors and no network', async () => {
    const { page, problems, requests } = await open(report, 'fleet-report');
    try {
      const s = report.summary;
      await expect.poll(() => page.locator('[data-testid=verdict] .verdict-word').innerText()).toBe('FAIL');
      expect(await page.locator('[data-testid=verdict]').innerText()).toContain(`${s.failed} discrepancies to fix`);
      expect(await page.locator('[data-testid=count-error] .n').innerText()).toBe(String(s.bySeverity.error));
      expect(await page.locator('[data-testid=count-passed] .n').innerText()).toBe(String(s.passed));
      expect(await page.locator('[data-testid=count-manual] .n').innerText()).toBe(String(s.manual));

      const steps = [...new Set(report.rules.map((r) => r.step))];
      const rows = page.locator('[data-testid=steps] tbody tr');
      expect(await rows.count()).toBe(steps.length);
      const tabsRow = rows.filter({ hasText: 'Default tabs for a standard user' });
      expect(await tabsRow.locator('.pill').innerText()).toBe('failed');
      expect(await tabsRow.locator('td.num.hot').innerText()).toBe('3');

      // The picture for "Additional Information": the expected field is marked missing, in red, and visible.
      const card = page.locator('article.finding', { hasText: 'section "Additional Information"' }).first();
      const missing = card.locator('figure.expected li.item.missing');
      await expect.poll(() => missing.isVisible()).toBe(true);
      expect(await missing.innerText()).toMatch(/LinkedIn company URL\s+LinkedIn_Company_URL__c\s+missing/i);
      const style = await missing.evaluate((el) => {
        const cs = (globalThis as any).getComputedStyle(el);
        return { background: cs.backgroundColor as string, border: cs.borderTopColor as string, width: cs.borderTopWidth as string };
      });
      expect(style).toEqual({ background: 'rgb(254, 241, 241)', border: 'rgb(186, 5, 23)', width: '2px' });
      // ... and the found column shows the gap where it belongs, between the two neighbours.
      const found = await card.locator('figure.actual li.item').allInnerTexts();
      const gap = found.findIndex((t) => /missing/i.test(t));
      expect(found[gap - 1]).toMatch(/^LinkedIn sales navigator URL/);
      expect(found[gap + 1]).toMatch(/^My LinkedIn overlaps/);

      // Out-of-order items are marked on both sides.
      const moved = page.locator('article.finding', { hasText: 'section "Opportunity Information"' }).locator('li.item.out-of-order');
      expect(await moved.count()).toBe(4);

      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(OUT, 'fleet-report-missing-field.png') });
      await page.screenshot({ path: path.join(OUT, 'fleet-report.png'), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows PASS for a clean report, and escapes hostile text instead of running it', async () => {
    const f = report.findings[0]!;
    const hostile: Report = {
      ...report,
      findings: [{ ...f, component: '<img src=x onerror="console.error(\'pwned\')"><script>console.error("pwned")</script>' }],
    };
    const attacked = await open(hostile, 'hostile-report');
    try {
      expect(await attacked.page.locator('img, script').count()).toBe(0);
      expect(await attacked.page.locator('article.finding .where').first().innerText()).toContain('<script>');
      expect(attacked.problems).toEqual([]);
      expect(attacked.requests).toEqual([]);
    } finally {
      await attacked.page.close();
    }

    const clean: Report = {
      ...report,
      findings: [],
      rules: report.rules.map((r) => ({ ...r, failed: 0, errors: 0, manual: 0, status: 'pass' })),
      summary: { ...report.summary, failed: 0, errors: 0, manual: 0, bySeverity: { error: 0, warning: 0, info: 0 }, verdict: 'pass' },
    };
    const passed = await open(clean, 'clean-report');
    try {
      expect(await passed.page.locator('[data-testid=verdict] .verdict-word').innerText()).toBe('PASS');
      expect(await passed.page.getByText('every check passed').isVisible()).toBe(true);
      expect(passed.problems).toEqual([]);
    } finally {
      await passed.page.close();
    }
  });
});

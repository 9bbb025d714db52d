import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import type { Reporter } from './reporter.js';
import { escapeHtml as h } from './escape.js';
import { where } from './group.js';
import { comparisonPicture, valuePicture } from './html-picture.js';
import { HTML_STYLE } from './html-style.js';
import { componentUrl } from './links.js';
import { changeLabel, changesLine, waiverLine, waiverProblems } from './history-lines.js';
import { humanTime, plural, stepSummaries, VERDICT_WORD, type StepStatus, type StepSummary } from './step-summary.js';

// No scripts, no fonts, no images from anywhere: the file must look the same offline, years later.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STEP_PILL: Record<StepStatus, string> = { pass: 'passed', fail: 'failed', error: 'incomplete', manual: 'manual' };

function verdictBlock(report: Report): string {
  const s = report.summary;
  const headline =
    s.verdict === 'pass'
      ? 'Everything the rules check is as the ritual expects.'
      : s.verdict === 'fail'
        ? `${plural(s.failed, 'discrepancy', 'discrepancies')} to fix`
        : `Incomplete: ${plural(s.errors, 'check')} could not be run`;
  const detail = [
    s.verdict !== 'fail' && s.failed ? plural(s.failed, 'discrepancy', 'discrepancies') : undefined,
    s.verdict !== 'error' && s.errors ? `${s.errors} could not be checked` : undefined,
    s.manual ? `${s.manual} to check by hand` : undefined,
    `${s.passed} checks passed`,
    `${plural(s.rules, 'rule')}`,
    s.waived ? `${s.waived} waived` : undefined,
  ].filter(Boolean);
  return (
    `<section class="verdict ${s.verdict}" data-testid="verdict" aria-label="Verdict">` +
    `<div class="verdict-word">${VERDICT_WORD[s.verdict]}</div>` +
    `<div class="verdict-text">${h(headline)}<small>${h(detail.join(' · '))}</small>` +
    `${changesLine(report) ? `<small class="changes" data-testid="changes">${h(changesLine(report)!)}</small>` : ''}</div></section>`
  );
}

function countsBlock(report: Report): string {
  const s = report.summary;
  const cards: Array<[string, number, string]> = [
    ['error', s.bySeverity.error, 'errors'],
    ['warning', s.bySeverity.warning, 'warnings'],
    ['info', s.bySeverity.info, 'info'],
    ['couldnot', s.errors, 'could not check'],
    ['manual', s.manual, 'manual checks'],
    ['passed', s.passed, 'checks passed'],
  ];
  return (
    `<section class="counts" aria-label="Counts">` +
    cards
      .map(([cls, n, label]) => `<div class="count ${cls}${n ? '' : ' zero'}" data-testid="count-${cls}"><span class="n">${n}</span><span class="l">${label}</span></div>`)
      .join('') +
    `</section>`
  );
}

function bar(st: StepSummary): string {
  const total = st.passed + st.failed + st.errors + st.manual || 1;
  const seg = (cls: string, n: number) => (n ? `<span class="${cls}" style="width:${((n / total) * 100).toFixed(1)}%"></span>` : '');
  return `<div class="bar" aria-hidden="true">${seg('p', st.passed)}${seg('f', st.failed)}${seg('e', st.errors)}${seg('m', st.manual)}</div>`;
}

function stepsTable(steps: StepSummary[]): string {
  const num = (n: number, hot: string) => `<td class="num ${n ? hot : 'zero'}">${n}</td>`;
  const rows = steps.map((st, i) => {
    const name = st.findings.length ? `<a href="#step-${i + 1}">${h(st.step)}</a>` : h(st.step);
    return (
      `<tr data-step="${i + 1}"><td><span class="pill ${st.status}">${STEP_PILL[st.status]}</span></td><td>${name}</td>` +
      `<td>${bar(st)}</td>${num(st.passed, '')}${num(st.failed, 'hot')}${num(st.errors, 'warm')}${num(st.manual, 'cool')}</tr>`
    );
  });
  return (
    `<table class="steps" data-testid="steps"><thead><tr><th>Status</th><th>Ritual step</th><th></th>` +
    `<th class="num">Passed</th><th class="num">Discrepancies</th><th class="num">Could not check</th><th class="num">Manual</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function badge(f: Finding): string {
  if (f.status === 'error') return '<span class="badge couldnot">could not check</span>';
  if (f.status === 'manual') return '<span class="badge manual">manual check</span>';
  return `<span class="badge ${f.severity}">${f.severity}</span>`;
}

function findingCard(report: Report, f: Finding, id: string): string {
  const change = changeLabel(f);
  const url = componentUrl(report, f);
  const picture = f.comparison ? comparisonPicture(f, f.comparison) : valuePicture(f);
  const source = f.source?.file ? `<p class="source">${h(f.source.file)}${f.source.line ? `:${f.source.line}` : ''}</p>` : '';
  return (
    `<article class="finding status-${f.status} sev-${f.severity}" id="${id}" data-rule="${h(f.ruleId)}">` +
    `<div class="finding-head">${badge(f)}${change ? `<span class="badge change">${h(change)}</span>` : ''}` +
    `<span class="where">${h(where(f) || f.component)}</span>` +
    `${url ? `<a href="${h(url)}" rel="noreferrer noopener" target="_blank">open in Salesforce</a>` : ''}` +
    `<span class="rule-id">${h(f.ruleId)}</span></div>` +
    `<p class="message">${h(f.message)}</p>${picture}` +
    `${f.fix ? `<p class="fix"><b>How to fix:</b> ${h(f.fix)}</p>` : ''}` +
    `${f.waiver ? `<p class="waiver"><b>Waived:</b> ${h(waiverLine(f.waiver))}</p>` : ''}${source}</article>`
  );
}

const LEGEND =
  '<div class="legend" aria-label="Legend">' +
  '<span class="item missing"><span class="icon">✕</span>missing</span>' +
  '<span class="item extra"><span class="icon">+</span>not expected</span>' +
  '<span class="item out-of-order"><span class="icon">↕</span>out of order</span>' +
  '<span class="item other">in the org, allowed</span></div>';

/** One self-contained page: verdict, counts per ritual step, and side-by-side pictures of what differs. */
export const html: Reporter = {
  name: 'html',
  description: 'One self-contained HTML page (no network needed): verdict, counts per step, pictures of expected vs found.',
  extension: 'html',
  render(report) {
    const steps = stepSummaries(report);
    const target = `${report.org.kind === 'org' ? 'Org' : 'Folder'} <code>${h(report.org.location)}</code>`;
    const withFindings = steps.map((st, i) => ({ st, i })).filter(({ st }) => st.findings.length);
    const hasPictures = report.findings.some((f) => f.comparison);
    let n = 0;
    const findings = withFindings.length
      ? withFindings
          .map(
            ({ st, i }) =>
              `<section class="step-block" id="step-${i + 1}"><h3><span class="pill ${st.status}">${STEP_PILL[st.status]}</span>${h(st.step)}</h3>` +
              st.findings.map((f) => findingCard(report, f, `finding-${++n}`)).join('') +
              `</section>`,
          )
          .join('')
      : '<p class="all-clear">Nothing to look at: every check passed.</p>';
    const waived = report.waived?.length
      ? `<h2>Waived discrepancies</h2><p class="meta">Accepted for now; they do not fail the run.</p>` +
        `<section class="waived" data-testid="waived">${report.waived.map((f) => findingCard(report, f, `waived-${++n}`)).join('')}</section>`
      : '';
    const resolved = report.resolved?.length
      ? `<h2>Resolved since the previous run</h2><ul class="resolved" data-testid="resolved">${report.resolved
          .map((f) => `<li><span class="pill pass">resolved</span> <b>${h(where(f) || f.component)}</b> <span class="rule-id">${h(f.ruleId)}</span><br>${h(f.message)}</li>`)
          .join('')}</ul>`
      : '';
    const waiverNotes = waiverProblems(report);
    const waiverBlock = waiverNotes.length ? `<h2>Waivers to review</h2><ul class="notes">${waiverNotes.map((x) => `<li>${h(x)}</li>`).join('')}</ul>` : '';
    const notes = report.notes.length ? `<h2>Notes</h2><ul class="notes">${report.notes.map((x) => `<li>${h(x)}</li>`).join('')}</ul>` : '';
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="sfaudit ${h(report.tool.version)}">
<title>${VERDICT_WORD[report.summary.verdict]} · ${h(report.ruleset.name)} · sfaudit</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><div class="brand">sfaudit report</div><h1>${h(report.ruleset.name)}</h1>
<p class="meta">${target} · ${h(humanTime(report.generatedAt))} · sfaudit ${h(report.tool.version)}</p></header>
<main>
${verdictBlock(report)}
${countsBlock(report)}
<h2>By ritual step</h2>
${stepsTable(steps)}
<h2>Findings</h2>
${hasPictures ? LEGEND : ''}
${findings}
${waived}${resolved}${waiverBlock}
${notes}
</main>
<footer>Generated by sfaudit ${h(report.tool.version)} on ${h(humanTime(report.generatedAt))}. Ruleset: ${h(report.ruleset.name)}.</footer>
</body>
</html>
`;
  },
};

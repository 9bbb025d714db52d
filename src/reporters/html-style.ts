/** The report's only stylesheet, inlined so the file needs nothing from the network. */
export const HTML_STYLE = `
:root {
  --ink: #181b25; --muted: #5c6270; --line: #dfe3ea; --paper: #ffffff; --page: #f4f6f9;
  --red: #ba0517; --red-bg: #fef1f1; --red-line: #f3b4b4;
  --amber: #8c4b02; --amber-bg: #fff5e1; --amber-line: #f7cf8d;
  --blue: #0b5cab; --blue-bg: #eef4ff; --blue-line: #aacbff;
  --green: #2e844a; --green-bg: #ebf7ee; --green-line: #a9dcb6;
  --violet: #5a1ba9; --violet-bg: #f5efff; --violet-line: #d2bdf5;
}
* { box-sizing: border-box; }
html { background: var(--page); }
body { margin: 0 auto; max-width: 1120px; padding: 28px 32px 48px; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
h1 { font-size: 24px; margin: 2px 0 4px; }
h2 { font-size: 17px; margin: 32px 0 12px; }
h3 { font-size: 15px; margin: 0; }
code, .api, .source { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
a { color: var(--blue); }
.brand { color: var(--muted); font-size: 12px; letter-spacing: .08em; text-transform: uppercase; font-weight: 600; }
.meta { color: var(--muted); margin: 0; }

.verdict { display: flex; align-items: center; gap: 20px; margin: 20px 0 16px; padding: 18px 22px;
  border-radius: 12px; border: 1px solid; background: var(--paper); }
.verdict-word { font-size: 30px; font-weight: 800; letter-spacing: .04em; padding: 6px 16px; border-radius: 8px; color: #fff; }
.verdict-text { font-size: 16px; }
.verdict-text small { display: block; color: var(--muted); font-size: 13px; margin-top: 2px; }
.verdict.pass { border-color: var(--green-line); background: var(--green-bg); } .verdict.pass .verdict-word { background: var(--green); }
.verdict.fail { border-color: var(--red-line); background: var(--red-bg); } .verdict.fail .verdict-word { background: var(--red); }
.verdict.error { border-color: var(--amber-line); background: var(--amber-bg); } .verdict.error .verdict-word { background: var(--amber); }

.counts { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; }
.count { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; border-top: 4px solid var(--line); }
.count .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.1; }
.count .l { color: var(--muted); font-size: 12px; }
.count.error { border-top-color: var(--red); } .count.warning { border-top-color: #dd7a01; } .count.info { border-top-color: var(--blue); }
.count.couldnot { border-top-color: var(--amber); } .count.manual { border-top-color: var(--violet); } .count.passed { border-top-color: var(--green); }
.count.zero .n { color: #a0a6b1; }

table.steps { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.steps th, .steps td { padding: 8px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
.steps th { background: #f8f9fb; color: var(--muted); font-weight: 600; font-size: 12px; }
.steps tr:last-child td { border-bottom: 0; }
.steps td.num, .steps th.num { text-align: right; font-variant-numeric: tabular-nums; width: 1%; white-space: nowrap; }
.steps td.num.hot { color: var(--red); font-weight: 700; }
.steps td.num.warm { color: var(--amber); font-weight: 700; }
.steps td.num.cool { color: var(--violet); font-weight: 700; }
.steps td.num.zero { color: #b5bac3; }
.steps a { color: inherit; text-decoration: none; } .steps a:hover { text-decoration: underline; }
.bar { display: flex; width: 120px; height: 8px; border-radius: 4px; overflow: hidden; background: #eceef2; }
.bar span { display: block; height: 100%; }
.bar .p { background: var(--green); } .bar .f { background: var(--red); } .bar .e { background: #dd7a01; } .bar .m { background: #9050e9; }

.pill { display: inline-block; white-space: nowrap; min-width: 74px; text-align: center; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; border: 1px solid; }
.pill.pass { color: var(--green); background: var(--green-bg); border-color: var(--green-line); }
.pill.fail { color: var(--red); background: var(--red-bg); border-color: var(--red-line); }
.pill.error { color: var(--amber); background: var(--amber-bg); border-color: var(--amber-line); }
.pill.manual { color: var(--violet); background: var(--violet-bg); border-color: var(--violet-line); }

.step-block { margin: 0 0 22px; }
.step-block > h3 { display: flex; gap: 10px; align-items: baseline; margin-bottom: 10px; }
.finding { background: var(--paper); border: 1px solid var(--line); border-left: 5px solid var(--red); border-radius: 10px; padding: 14px 18px; margin: 0 0 12px; }
.finding.sev-warning { border-left-color: #dd7a01; } .finding.sev-info { border-left-color: var(--blue); }
.finding.status-error { border-left-color: var(--amber); } .finding.status-manual { border-left-color: #9050e9; }
.finding-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.where { font-weight: 600; }
.rule-id { margin-left: auto; color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
.badge { border-radius: 4px; padding: 1px 7px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: #fff; background: var(--red); }
.badge.warning { background: #dd7a01; } .badge.info { background: var(--blue); } .badge.couldnot { background: var(--amber); } .badge.manual { background: #9050e9; }
.badge.change { background: #eceef2; color: var(--ink); }
.message { margin: 8px 0 10px; }
.fix { margin: 10px 0 0; padding: 8px 12px; background: #f8f9fb; border-radius: 6px; }
.fix b { color: var(--muted); font-weight: 600; }
.source { color: var(--muted); margin: 8px 0 0; word-break: break-all; }

.picture { display: grid; grid-template-columns: 1fr 28px 1fr; gap: 0; align-items: start; margin: 6px 0 4px; }
.arrow { align-self: center; text-align: center; color: #a0a6b1; font-size: 20px; }
.side { margin: 0; border: 1px solid var(--line); border-radius: 8px; background: #fbfcfd; overflow: hidden; }
.side figcaption { padding: 7px 12px; font-weight: 600; font-size: 12px; background: #f1f3f6; border-bottom: 1px solid var(--line); }
.side figcaption .mode { color: var(--muted); font-weight: 400; }
.items { list-style: none; margin: 0; padding: 8px; display: grid; gap: 5px; }
.item { display: flex; align-items: center; gap: 8px; padding: 6px 10px; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; min-height: 34px; }
.item .label { font-weight: 500; }
.item .api { color: var(--muted); }
.item .tag { margin-left: auto; white-space: nowrap; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.item .icon { font-weight: 800; width: 14px; text-align: center; }
.item.missing { background: var(--red-bg); border: 2px solid var(--red); color: var(--red); }
.item.missing.ghost { border-style: dashed; background: repeating-linear-gradient(135deg, var(--red-bg), var(--red-bg) 6px, #fff 6px, #fff 12px); }
.item.missing .label { text-decoration: none; }
.item.extra { background: var(--amber-bg); border: 2px solid #dd7a01; color: var(--amber); }
.item.out-of-order { background: var(--blue-bg); border: 2px solid var(--blue); color: var(--blue); }
.item.other { color: var(--muted); background: transparent; border-style: dotted; }
.item.empty { color: var(--muted); font-style: italic; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; color: var(--muted); font-size: 12px; margin: 4px 0 16px; }
.legend .item { display: inline-flex; min-height: 0; padding: 1px 8px; }

.values { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.value { display: flex; flex-direction: column; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.value-title { padding: 5px 12px; font-size: 12px; font-weight: 600; background: #f1f3f6; border-bottom: 1px solid var(--line); }
.value-body { flex: 1; padding: 8px 12px; word-break: break-word; }
.value.actual .value-body { background: var(--red-bg); color: var(--red); }
.finding.status-manual .value.actual .value-body, .finding.status-error .value.actual .value-body { background: #fbfcfd; color: var(--ink); }
.none { color: #a0a6b1; }
.notes li { margin: 4px 0; color: var(--muted); }
.verdict-text small.changes { color: var(--ink); }
.waiver { margin: 8px 0 0; padding: 8px 12px; background: #f5f5f5; border-radius: 6px; color: var(--muted); }
.waived .finding { border-left-color: #a0a6b1; opacity: .85; }
.resolved { list-style: none; padding: 0; } .resolved li { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 0 0 8px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
.all-clear { background: var(--green-bg); border: 1px solid var(--green-line); color: var(--green); border-radius: 10px; padding: 14px 18px; font-weight: 600; }

@media (max-width: 760px) {
  body { padding: 16px; }
  .counts { grid-template-columns: repeat(3, 1fr); }
  .picture { grid-template-columns: 1fr; } .arrow { transform: rotate(90deg); }
  .values { grid-template-columns: 1fr; }
}
@media print {
  html { background: #fff; } body { max-width: none; padding: 0; }
  .finding, .side { break-inside: avoid; }
}
`;

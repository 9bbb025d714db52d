import { appendFileSync } from 'node:fs';
const file = process.env.SFAUDIT_TRACE_FILE;
const marks: Array<[string, number]> = [];
// performance.now() and the monotonic clock the CPU profile uses, taken together once.
const base = { now: performance.now(), hrUs: Number(process.hrtime.bigint() / 1000n), origin: performance.timeOrigin };
export function mark(name: string): void {
  if (file) marks.push([name, performance.now()]);
}
if (file) process.on('exit', () => appendFileSync(file, JSON.stringify({ pid: process.pid, base, marks }) + '\n'));
if (file) {
  // Event-loop stalls: a 1 ms timer that fired late records when the thread was busy and for how long.
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 6) marks.push([`busy${Math.round(now - last)}`, last]);
    last = now;
  }, 1).unref();
}
if (file) {
  const { PerformanceObserver } = await import('node:perf_hooks');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.push([`gc${(e as { detail?: { kind?: number } }).detail?.kind ?? ''}:${e.duration.toFixed(1)}`, e.startTime]);
  }).observe({ entryTypes: ['gc'] });
}

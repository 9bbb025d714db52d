import type { Report } from '../report/report.js';
import { markChanges } from './changes.js';
import { DEFAULT_RETENTION, latestRun, recordRun, type Retention } from './store.js';

/**
 * Compares a fresh report with the newest run in a history folder, marks what
 * changed, and stores it as the newest run. Returns the marked report.
 */
export async function compareAndRecord(
  dir: string,
  report: Report,
  retention: Retention = DEFAULT_RETENTION,
  now: Date = new Date(),
): Promise<{ report: Report; id: string }> {
  const previous = await latestRun(dir);
  let marked = markChanges(report, previous.run);
  if (previous.skipped.length) {
    marked = { ...marked, notes: [...marked.notes, ...previous.skipped.map((s) => `Unreadable history file skipped: ${s}`)] };
  }
  const { id } = await recordRun(dir, marked, retention, now);
  return { report: marked, id };
}

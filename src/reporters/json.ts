import type { Reporter } from './reporter.js';

/** The machine-readable report; its shape is versioned by `schemaVersion` and documented in the README. */
export const json: Reporter = {
  name: 'json',
  description: 'The full report as JSON (schemaVersion, summary, rules, findings).',
  extension: 'json',
  render(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
  },
};

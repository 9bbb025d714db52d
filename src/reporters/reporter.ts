import type { Report } from '../report/report.js';

export interface RenderOptions {
  /** ANSI colour; the CLI turns it on only for a TTY without NO_COLOR. */
  color?: boolean;
}

/** One output format: a pure function from the report to text (conftest/Spectral style). */
export interface Reporter {
  name: string;
  description: string;
  /** File extension for `--output <dir>`. */
  extension: string;
  render(report: Report, options?: RenderOptions): string;
}

import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPORTERS } from '../reporters/index.js';
import type { Report } from '../report/report.js';
import { EXIT } from '../report/exit-code.js';
import { UserError, type CliIO } from './io.js';

export interface OutputPlan {
  format: string;
  /** File to write, or undefined for stdout. */
  file?: string;
}

/**
 * Pairs `--format` values with `--output` values. One output that is a folder
 * (exists as one, or ends with a slash) takes every format as `sfaudit-report.<ext>`.
 */
export async function planOutputs(formats: string[], outputs: string[], cwd: string): Promise<OutputPlan[]> {
  for (const f of formats) {
    if (!REPORTERS[f]) throw new UserError(`unknown format "${f}": use one of ${Object.keys(REPORTERS).join(', ')}`, EXIT.usage);
  }
  if (outputs.length === 1 && formats.length >= 1) {
    const out = path.resolve(cwd, outputs[0]!);
    const isDir = outputs[0]!.endsWith('/') || (await stat(out).catch(() => undefined))?.isDirectory();
    if (isDir) return formats.map((format) => ({ format, file: path.join(out, `sfaudit-report.${REPORTERS[format]!.extension}`) }));
  }
  if (outputs.length > formats.length) throw new UserError(`${outputs.length} --output values for ${formats.length} --format values`, EXIT.usage);
  const plan = formats.map((format, i) => ({ format, file: outputs[i] ? path.resolve(cwd, outputs[i]!) : undefined }));
  if (plan.filter((p) => !p.file).length > 1) {
    throw new UserError('several formats would go to standard output: give each an --output file, or one --output folder', EXIT.usage);
  }
  return plan;
}

/**
 * Where a report that must be on disk goes when no `--output` file was asked for: Slack may refuse
 * it, an org may not answer, and the disk keeps it either way.
 */
export const DEFAULT_REPORT_FILE = 'sfaudit-report.json';

/** Writes the report as JSON to `DEFAULT_REPORT_FILE` in the working folder; returns the file. */
export async function writeDefaultReport(report: Report, io: CliIO): Promise<string> {
  const file = path.join(io.cwd, DEFAULT_REPORT_FILE);
  await writeFile(file, REPORTERS.json!.render(report));
  return file;
}

export async function writeOutputs(report: Report, plan: OutputPlan[], io: CliIO): Promise<string[]> {
  const written: string[] = [];
  for (const { format, file } of plan) {
    const color = !file && format === 'text' && io.stdoutIsTTY && !io.env.NO_COLOR;
    const body = REPORTERS[format]!.render(report, { color });
    if (!file) {
      io.stdout(body);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    written.push(file);
  }
  return written;
}

import type { Reporter } from './reporter.js';
import { text } from './text.js';
import { json } from './json.js';

/** Every output format, registered in one record. */
export const REPORTERS: Record<string, Reporter> = Object.fromEntries([text, json].map((r) => [r.name, r]));

export type { Reporter, RenderOptions } from './reporter.js';

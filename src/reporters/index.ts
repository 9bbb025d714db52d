import type { Reporter } from './reporter.js';
import { text } from './text.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { html } from './html.js';

/** Every output format, registered in one record. */
export const REPORTERS: Record<string, Reporter> = Object.fromEntries([text, json, markdown, junit, sarif, html].map((r) => [r.name, r]));

export type { Reporter, RenderOptions } from './reporter.js';

import path from 'node:path';
import type { Report } from '../../src/index.js';
import { auditFolder, NOW, ORGS, ROOT } from '../support/audit-helpers.js';

export { NOW, ROOT };
export const FLEET = path.join(ORGS, 'fleet');

/**
 * The fleet fixture audited with the bundled ritual at a fixed time (`loadRuleset`,
 * `readFolder`, `audit`), the links of its records checked against the loopback
 * stand-in for LinkedIn: the input of every golden file, the same as the text and
 * JSON goldens use. Paths are relative to the repository, so goldens match on any checkout.
 */
export function fleetReport(): Promise<Report> {
  return auditFolder(FLEET);
}

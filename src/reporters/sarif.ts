import { createHash } from 'node:crypto';
import type { Finding } from '../report/finding.js';
import type { Report, RuleResult } from '../report/report.js';
import type { Severity } from '../ruleset/types.js';
import type { Reporter } from './reporter.js';
import { where } from './group.js';
import { componentUrl } from './links.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A relative path becomes a relative URI (code-scanning tools resolve it against the
 * checkout root, which is where sfaudit ran), an absolute one a file: URI.
 */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment))).join('/');
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

function ruleDescriptor(rule: RuleResult) {
  return {
    id: rule.id,
    name: rule.kind,
    shortDescription: { text: rule.step },
    fullDescription: { text: rule.description ?? rule.step },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { step: rule.step, kind: rule.kind, tags: ['salesforce', rule.kind] },
  };
}

/** Stable across runs for the same problem, so code scanning can track an alert from one audit to the next. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update([f.ruleId, f.metadataType, f.component, f.location ?? ''].join('\u0000')).digest('hex').slice(0, 32);
}

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The first sentence is what code-scanning lists show, so it is the finding's own message. */
function message(f: Finding): string {
  const parts = [sentence(f.message)];
  if (f.expected !== undefined) parts.push(`Expected: ${f.expected}.`);
  if (f.actual !== undefined) parts.push(`Found: ${f.actual}.`);
  if (f.fix) parts.push(`Fix: ${sentence(f.fix)}`);
  return parts.join(' ');
}

function location(f: Finding) {
  const logical = {
    name: f.location ? `${f.component} › ${f.location}` : f.component,
    fullyQualifiedName: where(f) || f.component,
    kind: f.metadataType,
  };
  const physical = f.source?.file
    ? {
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.source.file) },
          ...(f.source.line ? { region: { startLine: f.source.line } } : {}),
        },
      }
    : {};
  return { ...physical, logicalLocations: [logical] };
}

/**
 * SARIF kinds: a discrepancy is `fail` at the rule's level; a manual step is `review`
 * and a check that could not run is `open`, both at level `none` as §3.27.9 requires.
 */
function result(report: Report, f: Finding, ruleIndex: number) {
  const kind = f.status === 'fail' ? 'fail' : f.status === 'manual' ? 'review' : 'open';
  const url = componentUrl(report, f);
  const change = f.change;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    kind,
    level: kind === 'fail' ? LEVEL[f.severity] : 'none',
    message: { text: message(f) },
    locations: [location(f)],
    partialFingerprints: { 'sfauditFinding/v1': fingerprint(f) },
    ...(change === 'new' ? { baselineState: 'new' } : change === 'persisting' ? { baselineState: 'unchanged' } : {}),
    ...(url ? { hostedViewerUri: url } : {}),
    ...(f.waiver
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.reason} (owner ${f.waiver.owner}, until ${f.waiver.expires})` }] }
      : {}),
    properties: {
      step: f.step,
      status: f.status,
      severity: f.severity,
      metadataType: f.metadataType,
      component: f.component,
      ...(f.location ? { location: f.location } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.comparison ? { comparison: f.comparison } : {}),
      ...(f.firstSeen ? { firstSeen: f.firstSeen } : {}),
    },
  };
}

/** SARIF 2.1.0 for code scanning: one result per finding, pointing at the metadata file and line when audited from a folder. */
export const sarif: Reporter = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for code-scanning tools: one result per finding, at the metadata file and line.',
  extension: 'sarif',
  render(report) {
    const index = new Map(report.rules.map((r, i) => [r.id, i]));
    const couldNotCheck = report.findings.filter((f) => f.status === 'error');
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'sfaudit',
              version: report.tool.version,
              semanticVersion: report.tool.version,
              rules: report.rules.map(ruleDescriptor),
            },
          },
          invocations: [
            {
              executionSuccessful: couldNotCheck.length === 0,
              endTimeUtc: report.generatedAt,
              toolExecutionNotifications: couldNotCheck.map((f) => ({
                level: 'error',
                message: { text: `${f.ruleId}: ${f.message}` },
                associatedRule: { id: f.ruleId, ...(index.has(f.ruleId) ? { index: index.get(f.ruleId) } : {}) },
              })),
            },
          ],
          automationDetails: { id: `sfaudit/${report.ruleset.name}/` },
          columnKind: 'unicodeCodePoints',
          // Waived findings stay visible to code scanning as suppressed results, as SARIF intends.
          results: [...report.findings, ...(report.waived ?? [])].map((f) => result(report, f, index.get(f.ruleId) ?? -1)),
          properties: {
            org: report.org,
            ruleset: report.ruleset.name,
            summary: report.summary,
            ...(report.changes ? { changes: report.changes } : {}),
            notes: report.notes,
          },
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

import type { CheckKind } from './kind.js';
import { finding } from './outcome.js';

interface Expect {
  reason: string;
  instructions?: string;
}

export const manual: CheckKind<{ system?: string }, Expect> = {
  kind: 'manual',
  description:
    'A ritual step that cannot be checked in Salesforce metadata (e.g. naming in Google Drive). Reported as a manual check, never as a pass.',
  example: `- id: meeting-notes-naming
  step: Meeting notes saved in Google Drive with account name and date
  kind: manual
  expect:
    reason: The notes live in Google Drive, outside Salesforce.
    instructions: Open the Meeting notes folder and check that every file is named "<Account> <YYYY-MM-DD>".`,
  targetSchema: { type: 'object', additionalProperties: false, properties: { system: { type: 'string' } } },
  expectSchema: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: { type: 'string', minLength: 1 }, instructions: { type: 'string', minLength: 1 } },
  },
  needs: () => [],
  check(rule) {
    return [
      finding(rule, {
        status: 'manual',
        metadataType: 'Manual',
        component: rule.target?.system ?? 'outside Salesforce',
        message: `Manual check: ${rule.step}. ${rule.expect.reason}`,
        fix: rule.expect.instructions,
      }),
    ];
  },
};

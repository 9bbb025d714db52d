import { describe, it } from 'vitest';
import { buildOrg, rule, runCheck } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';

describe('manual', () => {
  it.each<{ name: string; target: Record<string, string>; expect: Record<string, string>; want: Want }>([
    {
      name: 'names the system and gives the instructions as the fix',
      target: { system: 'Google Drive' },
      expect: { reason: 'The notes live in Google Drive.', instructions: 'Open the Meeting notes folder and check the file names.' },
      want: {
        is: 'manual Google Drive',
        message: ['Manual check: a manual step. The notes live in Google Drive.'],
        fix: ['Open the Meeting notes folder and check the file names.'],
      },
    },
    { name: 'without a system', target: {}, expect: { reason: 'People decide this in a meeting.' }, want: { is: 'manual outside Salesforce', message: ['People decide this in a meeting.'] } },
  ])('$name', ({ target, expect: e, want }) => {
    const r = rule('manual', target, e, { step: 'a manual step' });
    // Never a pass, whatever the org holds.
    expectOutcomes(runCheck(r, buildOrg()), [want], r);
  });
});

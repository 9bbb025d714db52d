import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECK_KINDS } from '../../src/checks/index.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { ROOT } from '../support/audit-helpers.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README stays in step with the code', () => {
  it.each(Object.values(CHECK_KINDS).map((k) => [k.kind, k]))('documents the %s rule kind with its example', (_, kind) => {
    expect(readme).toContain(`### \`${kind.kind}\``);
    expect(readme).toContain(kind.example);
  });

  it.each(Object.keys(REPORTERS))('lists the %s format', (format) => {
    expect(readme).toContain(`| \`${format}\` |`);
  });

  it('shows the main command the CLI tests run', () => {
    expect(readme).toContain('npx sfaudit run --source fixtures/orgs/fleet --no-network --fail-on never');
  });
});

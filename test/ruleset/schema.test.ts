import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rulesetSchema } from '../../src/ruleset/schema.js';
import { ROOT } from '../support/audit-helpers.js';

describe('the generated JSON Schema of rule files', () => {
  it('matches the committed schema/ruleset.schema.json (regenerate with `npx sfaudit schema > schema/ruleset.schema.json`)', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'ruleset.schema.json'), 'utf8'));
    expect(rulesetSchema()).toEqual(committed);
  });

  it('has a then-branch for every rule kind', () => {
    const schema = rulesetSchema() as { definitions: { rule: { allOf: unknown[]; properties: { kind: { enum: string[] } } } } };
    expect(schema.definitions.rule.allOf).toHaveLength(schema.definitions.rule.properties.kind.enum.length);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { kindDefinition, rulesetSchema } from '../../src/ruleset/schema.js';
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

  it("sends each kind's then-branch to a definition of its own, which holds the kind's target and expect", () => {
    const schema = rulesetSchema() as {
      definitions: Record<string, { properties?: Record<string, unknown> }> & { rule: { allOf: Array<{ if: { properties: { kind: { const: string } } }; then: { $ref: string } }> } };
    };
    for (const branch of schema.definitions.rule.allOf) {
      const kind = branch.if.properties.kind.const;
      expect(branch.then).toEqual({ $ref: `#/definitions/${kindDefinition(kind)}` });
      expect(Object.keys(schema.definitions[kindDefinition(kind)]?.properties ?? {})).toEqual(['target', 'expect']);
    }
  });
});

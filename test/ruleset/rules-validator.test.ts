import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

// A CommonJS module: its default export is the module, whose `default` is the function.
const standaloneCode = standalone.default;
import { rulesetSchema } from '../../src/ruleset/schema.js';
import { CHECK_KINDS } from '../../src/checks/index.js';

const HEADER = `// @ts-nocheck
// Generated from the rules' JSON Schema (src/ruleset/schema.ts) by test/ruleset/rules-validator.test.ts: do not
// edit. Regenerate with \`npx vitest run test/ruleset/rules-validator.test.ts -u\` after changing a rule kind.
// ajv's standalone code: compiling the schema when sfaudit starts took 120-170 ms of every run.
`;

/** The rules validator as ajv's standalone code, with the options `fromAjv` (validate.ts) reads errors by. */
function generatedValidator(): string {
  // Every error, each with its schema and data (verbose): the messages name the key and suggest the fix.
  // References not inlined: each rule kind's definition becomes a function of its own, compiled by V8 on its
  // first call, so a rules file pays for compiling the kinds it uses only.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, inlineRefs: false, code: { source: true } });
  return `${HEADER}${standaloneCode(ajv, ajv.compile(rulesetSchema()))}\n`;
}

describe('the compiled validator of rule files', () => {
  // Compiled once for both tests: ajv takes a while over every kind's schema.
  const generated = generatedValidator();

  it('is the committed src/ruleset/rules-validator.generated.cjs (regenerate: npx vitest run test/ruleset/rules-validator.test.ts -u)', async () => {
    await expect(generated).toMatchFileSnapshot('../../src/ruleset/rules-validator.generated.cjs');
  });

  it('checks each rule kind in a function of its own, so that V8 compiles only the kinds a file uses', () => {
    const functions = generated.match(/function validate\d+\(/g) ?? [];
    // The file, a rule, a waiver, and one per kind.
    expect(functions.length).toBeGreaterThanOrEqual(Object.keys(CHECK_KINDS).length + 3);
  });
});

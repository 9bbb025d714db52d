import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

// A CommonJS module: its default export is the module, whose `default` is the function.
const standaloneCode = standalone.default;
import { rulesetSchema } from '../../src/ruleset/schema.js';

const HEADER = `// @ts-nocheck
// Generated from the rules' JSON Schema (src/ruleset/schema.ts) by test/ruleset/rules-validator.test.ts: do not
// edit. Regenerate with \`npx vitest run test/ruleset/rules-validator.test.ts -u\` after changing a rule kind.
// ajv's standalone code: compiling the schema when sfaudit starts took 120-170 ms of every run.
`;

/** The rules validator as ajv's standalone code, with the options `fromAjv` (validate.ts) reads errors by. */
function generatedValidator(): string {
  // Every error, each with its schema and data (verbose): the messages name the key and suggest the fix.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true } });
  return `${HEADER}${standaloneCode(ajv, ajv.compile(rulesetSchema()))}\n`;
}

describe('the compiled validator of rule files', () => {
  it('is the committed src/ruleset/rules-validator.generated.cjs (regenerate: npx vitest run test/ruleset/rules-validator.test.ts -u)', async () => {
    await expect(generatedValidator()).toMatchFileSnapshot('../../src/ruleset/rules-validator.generated.cjs');
  });
});

import { CHECK_KINDS } from '../checks/index.js';
import { rulesetSchema } from '../ruleset/schema.js';
import type { CliIO } from './io.js';

/** `sfaudit kinds`: every rule kind with its description and an example, for rules authors. */
export function kindsCommand(io: CliIO): number {
  for (const kind of Object.values(CHECK_KINDS)) {
    io.stdout(`${kind.kind}\n  ${kind.description}\n\n${kind.example.replace(/^/gm, '    ')}\n\n`);
  }
  return 0;
}

/** `sfaudit schema`: the JSON Schema of rule files, for editors. */
export function schemaCommand(io: CliIO): number {
  io.stdout(`${JSON.stringify(rulesetSchema(), null, 2)}\n`);
  return 0;
}

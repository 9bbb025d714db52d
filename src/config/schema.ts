import { REPORTERS } from '../reporters/index.js';
import { RULE_ID_PATTERN } from '../ruleset/schema.js';
import { CREDENTIAL_KEYS } from './types.js';

/** Environment variable names: upper case, so a pasted secret (mixed case, dashes) is refused. */
export const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';

const envName = (description: string) => ({ type: 'string', pattern: ENV_NAME_PATTERN, description });

/** The JSON Schema of `sfaudit.config.yaml`; formats come from the registered reporters. */
export function configSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/sfaudit/sfaudit/schema/config.schema.json',
    title: 'sfaudit scheduler config',
    type: 'object',
    required: ['audits'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      shutdownGraceSeconds: {
        type: 'number',
        minimum: 0,
        description: 'On SIGTERM/SIGINT, how long a run in progress may take to finish before it is abandoned (default 30).',
      },
      audits: { type: 'array', minItems: 1, items: { $ref: '#/definitions/audit' } },
    },
    definitions: {
      audit: {
        type: 'object',
        required: ['name', 'schedule', 'timezone', 'rules'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: RULE_ID_PATTERN, description: 'Names the audit in logs, Slack and its history folder.' },
          schedule: { type: 'string', minLength: 1, description: 'Cron expression, e.g. "0 8 * * 1" (Mondays 08:00); 6 fields for seconds.' },
          timezone: { type: 'string', minLength: 1, description: 'IANA time zone, e.g. Europe/Paris.' },
          rules: {
            description: 'Rules file(s) or folder(s), relative to this file.',
            anyOf: [
              { type: 'string', minLength: 1 },
              { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
            ],
          },
          source: { type: 'string', minLength: 1, description: 'A retrieved metadata folder to audit instead of a live org.' },
          org: { $ref: '#/definitions/org' },
          slack: { $ref: '#/definitions/slack' },
          formats: { type: 'array', minItems: 1, items: { enum: Object.keys(REPORTERS) } },
          output: { type: 'string', minLength: 1, description: 'Folder for the report files (default reports/<name>).' },
          history: {
            type: 'object',
            additionalProperties: false,
            properties: {
              dir: { type: 'string', minLength: 1, description: 'Folder of past runs (default <output>/history).' },
              keep: { type: 'integer', minimum: 1, description: 'Runs to keep (default 100).' },
              maxAgeDays: { type: 'number', minimum: 0, description: 'Also drop runs older than this.' },
            },
          },
          failOn: { enum: ['error', 'warning', 'info', 'never'] },
        },
      },
      org: {
        type: 'object',
        additionalProperties: false,
        properties: {
          targetOrg: { type: 'string', minLength: 1, description: 'A Salesforce CLI alias (sf org login) to reuse instead of credentials.' },
          loginUrl: { type: 'string', minLength: 1, description: 'https://login.salesforce.com (default) or https://test.salesforce.com.' },
          instanceUrl: { type: 'string', minLength: 1, description: 'https://<my domain>.my.salesforce.com, for an access token.' },
          apiVersion: { type: 'string', pattern: '^\\d+\\.0$' },
          concurrency: { type: 'integer', minimum: 1, description: 'API calls in flight at once (default 5).' },
          cache: { type: 'string', minLength: 1, description: 'Folder where what was read is kept, so the next run re-reads only what changed (relative to this file).' },
          apiBudget: {
            type: ['number', 'string'],
            description: "Stop before the org's daily API usage passes this share of its allocation: 0.9 (default), 90% or off.",
          },
          credentials: {
            type: 'object',
            minProperties: 1,
            additionalProperties: false,
            description: 'For each credential, the NAME of the environment variable that holds it (never the secret).',
            properties: Object.fromEntries(CREDENTIAL_KEYS.map((k) => [k, envName(`Environment variable holding the ${k}.`)])),
          },
        },
      },
      slack: {
        type: 'object',
        additionalProperties: false,
        properties: {
          channel: { type: 'string', minLength: 1, description: 'Channel for a bot token, e.g. #sales-ops or C0123456.' },
          tokenEnv: envName('Environment variable holding a Slack bot token.'),
          webhookEnv: envName('Environment variable holding a Slack incoming-webhook URL.'),
          onlyChanges: { type: 'boolean', description: 'Post only when something is new or resolved since the last run.' },
        },
      },
    },
  };
}

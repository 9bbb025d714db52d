export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Where something was written in a rules file, for messages that point at it. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/** A friendly name for a Lightning component, optionally pinned by property values. */
export interface ComponentAlias {
  component: string;
  properties?: Record<string, string>;
}

export interface Aliases {
  components: Record<string, ComponentAlias>;
  relatedLists: Record<string, string[]>;
}

export interface Rule<Target = Record<string, unknown>, Expect = Record<string, unknown>> {
  id: string;
  /** The ritual step this rule encodes, as the team words it. */
  step: string;
  severity: Severity;
  kind: string;
  description?: string;
  target: Target;
  expect: Expect;
  /** Aliases of the file the rule came from. */
  aliases: Aliases;
  position: Position;
}

/** A discrepancy the team has accepted for now (see `src/waivers/`). */
export interface Waiver {
  /** Rule id the waiver applies to. */
  rule: string;
  /** The component as reports name it (`Account-Account Layout`, `Account.Customers`); absent: every finding of the rule. */
  component?: string;
  reason: string;
  owner: string;
  /** Last day the waiver applies, `YYYY-MM-DD`, through the end of that day in UTC. */
  expires: string;
  position: Position;
}

export interface Ruleset {
  name: string;
  description?: string;
  files: string[];
  rules: Rule[];
  /** Waivers from every rules file; absent or empty when there are none. */
  waivers?: Waiver[];
}

/** A problem in a rules file, returned as data (never thrown) so every problem is shown at once. */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  /** JSON-pointer-like path in the document, e.g. `/rules/3/expect/match`. */
  path: string;
  message: string;
  /** What to write instead, when we can tell. */
  hint?: string;
}

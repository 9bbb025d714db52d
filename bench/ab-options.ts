/** `npm run bench:ab -- [flags]`: which scenario, how many pairs of runs, and what differs between A and B. */
import type { ScenarioId } from './scenarios.js';

/** One side of the comparison: what the reader's child process gets on top of the bench's own setup. */
export interface Side {
  /** Environment variables, e.g. the reader's tuning (SFAUDIT_PARSE_WORKERS=0). */
  env: Record<string, string>;
  /** Node options, e.g. V8 flags (--max-semi-space-size=32). */
  nodeFlags: string[];
}

export interface AbOptions {
  scenario: ScenarioId;
  /** Pairs of runs: each pair runs A and B once, in alternating order. */
  pairs: number;
  a: Side;
  b: Side;
}

const SCENARIOS: readonly ScenarioId[] = ['ritual', 'org-wide', 'org-wide-cache', 'incremental'];

export const AB_HELP = `npm run bench:ab -- [options] [bench options]
  --scenario <id>       ${SCENARIOS.join(' | ')} (default ritual)
  --pairs <n>           runs of each side, alternating A and B (default 15)
  --a-env KEY=VALUE     environment of side A's reader (repeatable; default: none added)
  --b-env KEY=VALUE     environment of side B's reader (repeatable)
  --a-node <flag>       Node option of side A's reader, e.g. --a-node=--max-semi-space-size=32 (repeatable)
  --b-node <flag>       Node option of side B's reader (repeatable)
Bench options that apply: --latency, --connect-latency, --concurrency, --client-concurrency, --seed, --small, --out, --org-dir.
Prints the median, mean and range of each side's wall time and how often B was faster. Writes nothing.
`;

/**
 * Takes the A/B flags out of `argv`; what is left is for the bench's own option parser. `--a-node` and
 * `--b-node` take their value after `=` (`--b-node=--single-threaded-gc`), since it starts with dashes.
 */
export function parseAbArgs(argv: string[]): { ab: AbOptions; rest: string[] } | 'help' {
  const ab: AbOptions = { scenario: 'ritual', pairs: 15, a: { env: {}, nodeFlags: [] }, b: { env: {}, nodeFlags: [] } };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--scenario': {
        const id = value();
        if (!SCENARIOS.includes(id as ScenarioId)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}, got ${id}`);
        ab.scenario = id as ScenarioId;
        break;
      }
      case '--pairs': {
        const raw = value();
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1) throw new Error(`--pairs must be a whole number of at least 1, got ${raw}`);
        ab.pairs = n;
        break;
      }
      case '--a-env':
      case '--b-env': {
        const raw = value();
        const eq = raw.indexOf('=');
        if (eq <= 0) throw new Error(`${name} takes KEY=VALUE, got ${raw}`);
        (name === '--a-env' ? ab.a : ab.b).env[raw.slice(0, eq)] = raw.slice(eq + 1);
        break;
      }
      case '--a-node':
      case '--b-node': {
        if (inline === undefined) throw new Error(`${name} takes its flag after =, e.g. ${name}=--single-threaded-gc`);
        (name === '--a-node' ? ab.a : ab.b).nodeFlags.push(value());
        break;
      }
      default:
        rest.push(arg);
    }
  }
  if (sameSide(ab.a, ab.b)) throw new Error('A and B are the same: give B (or A) an --*-env or --*-node');
  return { ab, rest };
}

function sameSide(a: Side, b: Side): boolean {
  const env = (s: Side) => JSON.stringify(Object.entries(s.env).sort());
  return env(a) === env(b) && a.nodeFlags.join(' ') === b.nodeFlags.join(' ');
}

/** What a side is, for the printout. */
export function describeSide(side: Side): string {
  const parts = [...Object.entries(side.env).map(([k, v]) => `${k}=${v}`), ...side.nodeFlags];
  return parts.length ? parts.join(' ') : 'as is';
}

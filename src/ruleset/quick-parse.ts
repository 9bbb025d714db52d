/**
 * A rules file read the quick way: js-yaml for the data, and the line and column of each rule from
 * js-yaml's node events. `yaml` (the full parse, load.ts) keeps a position for every node, which every error
 * message needs, but it took 230-260 ms for the bench's 610-rule file (140 KB) even warm, and 50-70 ms
 * for the ritual's, cold: longer than the org's first round trip, which the listing then waited for. js-yaml
 * reads the 140 KB in 15-50 ms.
 *
 * Only for files that load without a problem: `load.ts` takes the result when the data validates, has no
 * waivers (their positions are the full parse's) and gave a position for every rule; anything else, a
 * syntax error included, is read again the full way, so every problem is still reported as before, with
 * its line and column. Both ways read YAML 1.2's core schema (no dates, no merge keys), and
 * `quick-parse.test.ts` checks that they give the same data and positions for every rules file here.
 */
import { CORE_SCHEMA, load, type State } from 'js-yaml';

export interface QuickParse {
  data: unknown;
  /** Line and column (1-based) where each item of the top-level `rules` list starts, in order. */
  rulePositions: Array<{ line: number; column: number }>;
}

/** The data and rule positions, or undefined when js-yaml cannot read the text (the full parse says why). */
export function quickParse(text: string): QuickParse | undefined {
  const starts: number[] = [];
  // Nodes are opened and closed depth first: the document's mapping at depth 1, its keys and values at
  // depth 2 (each key a node before its value), the items of its `rules` list at depth 3.
  let afterRulesKey = false;
  let inRules = false;
  const listener = (event: 'open' | 'close', state: State) => {
    const depth = (state as State & { depth: number }).depth;
    if (event === 'open') {
      if (depth === 2) {
        inRules = afterRulesKey;
        afterRulesKey = false;
      } else if (depth === 3 && inRules) {
        starts.push(nodeStart(text, state.position));
      }
    } else if (depth === 2) {
      if (inRules) inRules = false;
      else afterRulesKey = state.result === 'rules';
    }
  };
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, listener });
  } catch {
    return undefined;
  }
  const lines = lineStarts(text);
  return { data, rulePositions: starts.map((offset) => position(lines, offset)) };
}

/**
 * Where a node opened at `from` starts, as the full parse gives it: js-yaml opens it before skipping the
 * spaces, line breaks and comments in front of it (after a list's `-`, or a key's `:`), and the full parse
 * puts it after its anchor (`&name`) or tag (`!tag`), where its content starts.
 */
function nodeStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '&' || c === '!') while (i < text.length && !/[\s,\[\]{}]/.test(text[i]!)) i++;
    else break;
  }
  return i;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(lines: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lines[low]! + 1 };
}

import { describe, expect, it } from 'vitest';
import { describeSide, parseAbArgs } from '../../bench/ab-options.js';

describe('bench:ab options', () => {
  it('compares the reader as is with one given B, on the ritual, 15 times each, by default', () => {
    const parsed = parseAbArgs(['--b-env', 'SFAUDIT_PARSE_WORKERS=0']);
    expect(parsed).toEqual({
      ab: { scenario: 'ritual', pairs: 15, a: { env: {}, nodeFlags: [] }, b: { env: { SFAUDIT_PARSE_WORKERS: '0' }, nodeFlags: [] } },
      rest: [],
    });
  });

  it('takes Node flags after =, values with = in them, and leaves the bench’s own options to it', () => {
    const parsed = parseAbArgs(['--scenario=incremental', '--pairs', '4', '--a-node=--max-semi-space-size=32', '--b-env=X=a=b', '--latency', '50', '--small']);
    expect(parsed).toMatchObject({
      ab: { scenario: 'incremental', pairs: 4, a: { env: {}, nodeFlags: ['--max-semi-space-size=32'] }, b: { env: { X: 'a=b' }, nodeFlags: [] } },
      rest: ['--latency', '50', '--small'],
    });
    if (parsed !== 'help') expect(describeSide(parsed.ab.a)).toBe('--max-semi-space-size=32');
  });

  it('refuses what cannot be compared or understood, and says what to write', () => {
    expect(() => parseAbArgs([])).toThrow(/A and B are the same/);
    expect(() => parseAbArgs(['--a-env', 'K=1', '--b-env', 'K=1'])).toThrow(/A and B are the same/);
    expect(() => parseAbArgs(['--scenario', 'fast', '--b-env', 'K=1'])).toThrow(/--scenario must be one of ritual, org-wide, org-wide-cache, incremental, got fast/);
    expect(() => parseAbArgs(['--pairs', '0', '--b-env', 'K=1'])).toThrow(/--pairs must be a whole number of at least 1/);
    expect(() => parseAbArgs(['--b-env', 'NOEQUALS'])).toThrow(/--b-env takes KEY=VALUE, got NOEQUALS/);
    expect(() => parseAbArgs(['--b-node', '--single-threaded-gc'])).toThrow(/--b-node takes its flag after =, e.g. --b-node=--single-threaded-gc/);
    expect(() => parseAbArgs(['--b-env'])).toThrow(/--b-env needs a value/);
    expect(parseAbArgs(['--help'])).toBe('help');
  });
});

/** `npx tsx bench/generate/cli.ts [dir] [--seed N] [--small]`: writes the big org on its own (the bench does it for you). */
import path from 'node:path';
import { DEFAULT_SEED, generateOrg, REPO_ROOT } from './index.js';
import { FULL_SHAPE, SMALL_SHAPE } from './plan.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const seed = Number(flag('--seed') ?? DEFAULT_SEED);
const small = args.includes('--small');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(REPO_ROOT, 'bench/.out/big-org'));
const org = generateOrg(dir, { seed, shape: small ? SMALL_SHAPE : FULL_SHAPE });
console.log(`wrote ${dir} in ${(org.ms / 1000).toFixed(1)} s: ${(org.bytes / 1e6).toFixed(1)} MB, ${JSON.stringify(org.files)}`);

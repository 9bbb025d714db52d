/**
 * Where the time of a `.cpuprofile` (node --cpu-prof) goes: self time summed
 * by package or source file, and the heaviest functions. Enough to say where
 * to look without opening DevTools.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFile: Array<{ where: string; ms: number }>;
  byFunction: Array<{ where: string; ms: number }>;
}

function place(url: string): string {
  if (!url) return '(native / garbage collection / idle)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length).split('/').slice(0, 1).join('/');
  if (clean.startsWith('node:')) return clean;
  const src = clean.search(/\/(src|bench|test)\//);
  return src >= 0 ? clean.slice(src + 1) : path.basename(clean);
}

export function summariseProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const files = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    const where = place(node.callFrame.url);
    if (node.callFrame.functionName === '(idle)') continue;
    files.set(where, (files.get(where) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} (${where}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''})`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({ where, ms: us / 1000 }));
  return { totalMs: total / 1000, byFile: sorted(files), byFunction: sorted(functions) };
}

/** The main thread's profile in a folder: the biggest (tsx's loader thread writes a small one beside it). */
export function mainProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  return files[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2] ?? 'bench/.out/profiles';
  const file = target.endsWith('.cpuprofile') ? target : mainProfile(target);
  if (!file) throw new Error(`no .cpuprofile in ${target}`);
  const summary = summariseProfile(file);
  console.log(`${file}: ${summary.totalMs.toFixed(0)} ms sampled`);
  for (const { where, ms } of summary.byFile) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
  console.log('heaviest functions (self time):');
  for (const { where, ms } of summary.byFunction) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
}

/**
 * Writes the synthetic big org: a Salesforce DX source-format project with the
 * ritual's components (from fixtures/orgs/fleet-clean, so the ritual's rules
 * run on it) among hundreds of generated objects, thousands of layouts and
 * list views, and profiles as big as real ones. Seeded: the same seed and
 * shape give byte-identical files.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { derive } from './random.js';
import { FULL_SHAPE, planOrg, RITUAL_PROFILES, type OrgPlan, type Shape } from './plan.js';
import { renderObject, type RenderedFile } from './render-object.js';
import { renderLayout } from './render-layout.js';
import { renderFlexiPage } from './render-flexipage.js';
import { renderApp } from './render-app.js';
import { mergeRitualProfile, renderProfile } from './render-profile.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RITUAL_FIXTURE = path.join(REPO_ROOT, 'fixtures/orgs/fleet-clean');
/** Where components live inside the project. */
export const SOURCE_DIR = 'force-app/main/default';
export const DEFAULT_SEED = 20260105;

export interface GenerateOptions {
  seed?: number;
  shape?: Shape;
}

export interface GeneratedOrg {
  dir: string;
  plan: OrgPlan;
  /** Files written, by top folder (`layouts`, `objects`, `profiles`, ...). */
  files: Record<string, number>;
  bytes: number;
  ms: number;
}

/** Every generated file, in a fixed order; each file's content depends only on the seed and its own name. */
export function* renderOrg(plan: OrgPlan): Generator<RenderedFile> {
  const children = new Map<string, string[]>();
  for (const object of plan.objects) {
    for (const field of object.fields) {
      if (field.references) children.set(field.references, [...(children.get(field.references) ?? []), `${object.name}.${field.name}`]);
    }
  }
  for (const object of plan.objects) {
    yield* renderObject(object, derive(plan.seed, `object-files:${object.name}`));
    for (const layout of object.layouts) yield renderLayout(object, layout, children.get(object.name) ?? [], derive(plan.seed, `layout:${layout}`));
    const page = renderFlexiPage(object, derive(plan.seed, `flexipage:${object.name}`));
    if (page) yield page;
  }
  for (const app of plan.apps) yield renderApp(app, plan.objects, derive(plan.seed, `app:${app.name}`));
  for (const profile of plan.profiles) yield renderProfile(profile, plan, derive(plan.seed, `profile:${profile}`));
  for (const profile of RITUAL_PROFILES) {
    const original = readFileSync(path.join(RITUAL_FIXTURE, SOURCE_DIR, 'profiles', `${profile}.profile-meta.xml`), 'utf8');
    yield mergeRitualProfile(profile, original, plan, derive(plan.seed, `profile:${profile}`));
  }
}

/** Writes the org into `dir` (emptied first). */
export function generateOrg(dir: string, options: GenerateOptions = {}): GeneratedOrg {
  const started = performance.now();
  const plan = planOrg(options.seed ?? DEFAULT_SEED, options.shape ?? FULL_SHAPE);
  rmSync(dir, { recursive: true, force: true });
  const root = path.join(dir, SOURCE_DIR);
  // The ritual's own components first (profiles are re-written merged below), then records and the project file.
  cpSync(path.join(RITUAL_FIXTURE, SOURCE_DIR), root, { recursive: true, filter: (src) => !src.includes(`${path.sep}profiles${path.sep}`) });
  cpSync(path.join(RITUAL_FIXTURE, 'data'), path.join(dir, 'data'), { recursive: true });
  cpSync(path.join(RITUAL_FIXTURE, 'sfdx-project.json'), path.join(dir, 'sfdx-project.json'));

  const files: Record<string, number> = {};
  const made = new Set<string>();
  let bytes = 0;
  for (const file of renderOrg(plan)) {
    const target = path.join(root, file.path);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, file.text);
    const top = file.path.slice(0, file.path.indexOf('/'));
    files[top] = (files[top] ?? 0) + 1;
    bytes += Buffer.byteLength(file.text);
  }
  return { dir, plan, files, bytes, ms: performance.now() - started };
}

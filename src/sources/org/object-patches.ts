import { childByType, type ChildSpec } from '../../model/metadata-types.js';
import { splitChildName } from '../../model/names.js';
import { list, type Raw } from '../../model/raw.js';
import { cleanRaw } from './fetched.js';
import { readBatches, readCallCount } from './fetch-plan.js';
import { READ_BATCH } from './batch-sizes.js';
import type { OrgApi } from './org-api.js';
import { versionParts } from './versions.js';

/**
 * A cached CustomObject record brought up to date by reading only the nested parts that changed.
 * An object's record nests all its fields, list views, compact layouts and web links: editing one list
 * view moves the object's version, and reading the whole object again means hundreds of KB for one
 * part of a few hundred bytes (a 1% change of a big org: 30 objects, 5 MB, for 30 list views). Each
 * part can be read on its own (`readMetadata('ListView', ['Account.Customers'])`), ten to a call like
 * objects, and put in place of the cached one.
 */
export interface ObjectPatch {
  object: string;
  /** Parts the org lists at another version than the cached record's, or that it did not have: read and put in. */
  read: Part[];
  /** Parts the cached record has and the org no longer lists: taken out. */
  drop: Part[];
}

export interface Part {
  type: ChildSpec['type'];
  /** `Object.Part`, as listed and read. */
  fullName: string;
}

/**
 * What to read to bring a record stored at version `stored` to version `now` (both from `componentVersion`),
 * when only its nested parts moved. `undefined` when the object itself changed, or a part is of a type the
 * model does not know how to put back (those are versioned only for snapshots): then the object is read whole.
 */
export function patchFor(object: string, stored: string, now: string): ObjectPatch | undefined {
  const before = versionParts(stored);
  const after = versionParts(now);
  if (!before || !after || before.own !== after.own) return undefined;
  const patch: ObjectPatch = { object, read: [], drop: [] };
  for (const [key, version] of after.parts) {
    if (before.parts.get(key) === version) continue;
    const part = partOf(object, key);
    if (!part) return undefined;
    patch.read.push(part);
  }
  for (const key of before.parts.keys()) {
    if (after.parts.has(key)) continue;
    const part = partOf(object, key);
    if (!part) return undefined;
    patch.drop.push(part);
  }
  return patch;
}

function partOf(object: string, key: string): Part | undefined {
  const colon = key.indexOf(':');
  if (colon < 0) return undefined;
  const spec = childByType(key.slice(0, colon));
  const fullName = key.slice(colon + 1);
  return spec && fullName.startsWith(`${object}.`) && fullName.length > object.length + 1 ? { type: spec.type, fullName } : undefined;
}

/**
 * Which objects to patch, and which to read whole: patching is chosen when it takes no more calls than
 * reading all of them whole (a read holds one type, so parts of several types can cost more calls than
 * their objects). An object with a call's worth of changed parts or more is read whole in any case.
 */
export function choosePatches(whole: string[], patches: ObjectPatch[]): { whole: string[]; patches: ObjectPatch[] } {
  const small = patches.filter((p) => p.read.length < READ_BATCH);
  const big = patches.filter((p) => p.read.length >= READ_BATCH).map((p) => p.object);
  const patchedReads = new Map<string, number>([['CustomObject', whole.length + big.length]]);
  for (const p of small) for (const part of p.read) patchedReads.set(part.type, (patchedReads.get(part.type) ?? 0) + 1);
  if (readCallCount(patchedReads) > readCallCount({ CustomObject: whole.length + patches.length })) return { whole: [...whole, ...patches.map((p) => p.object)].sort(), patches: [] };
  return { whole: [...whole, ...big].sort(), patches: small };
}

/**
 * The cached record with the patch applied: each part read put where the cached one was (or, for a new
 * part, before the first of its kind that sorts after it, as Salesforce lists them), with the short name a
 * nested part has (`Customers`, not `Account.Customers`); dropped parts taken out. `parts` holds each part
 * read, by `type:fullName`. The cached record is not changed.
 */
export function patchedRecord(record: Raw, patch: ObjectPatch, parts: ReadonlyMap<string, Raw>): Raw {
  const out: Raw = { ...record };
  const short = (part: Part) => part.fullName.slice(patch.object.length + 1);
  const types = new Set([...patch.read, ...patch.drop].map((p) => p.type));
  for (const type of types) {
    const key = childByType(type)!.key;
    const fresh = new Map<string, Raw>();
    for (const part of patch.read.filter((p) => p.type === type)) {
      const read = parts.get(`${type}:${part.fullName}`);
      if (read) fresh.set(short(part), { ...read, fullName: short(part) });
    }
    const dropped = new Set(patch.drop.filter((p) => p.type === type).map(short));
    const kept: Raw[] = [];
    for (const child of list<Raw>(record[key])) {
      const name = String(child.fullName);
      if (dropped.has(name)) continue;
      const replaced = fresh.get(name);
      fresh.delete(name);
      kept.push(replaced ?? child);
    }
    for (const [name, child] of fresh) {
      const at = kept.findIndex((c) => String(c.fullName) > name);
      kept.splice(at < 0 ? kept.length : at, 0, child);
    }
    // As the reply's parse gives it: one element is a value, several an array, none no key.
    if (kept.length === 0) delete out[key];
    else out[key] = kept.length === 1 ? kept[0] : kept;
  }
  return out;
}

/**
 * Reads the parts the patches need, ten of a type to a call, all at once. `parts`: each part read, by
 * `type:fullName`; `unread`: the objects one of whose parts the org did not give (gone since it was
 * listed, or a call that failed after its retries): those are to be read whole. Only a fatal failure
 * (a refused session, an unreachable org) rejects, through `rethrowFatal`.
 */
export async function readParts(
  api: Pick<OrgApi, 'readMetadata'>,
  patches: ObjectPatch[],
  on: { rethrowFatal: (e: unknown) => void; onBatch?: (size: number) => void },
): Promise<{ parts: Map<string, Raw>; unread: Set<string> }> {
  const parts = new Map<string, Raw>();
  const unread = new Set<string>();
  const byType = new Map<string, string[]>();
  for (const part of patches.flatMap((p) => p.read)) {
    const names = byType.get(part.type);
    if (names) names.push(part.fullName);
    else byType.set(part.type, [part.fullName]);
  }
  await Promise.all(
    [...byType].flatMap(([type, names]) =>
      readBatches(names.sort()).map(async (batch) => {
        try {
          const records = await api.readMetadata(type, batch);
          batch.forEach((name, i) => {
            const record = records[i];
            if (record) parts.set(`${type}:${name}`, cleanRaw(record) as Raw);
            else unread.add(splitChildName(name).object);
          });
        } catch (e) {
          on.rethrowFatal(e);
          for (const name of batch) unread.add(splitChildName(name).object);
        } finally {
          on.onBatch?.(batch.length);
        }
      }),
    ),
  );
  return { parts, unread };
}

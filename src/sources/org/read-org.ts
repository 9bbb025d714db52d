import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Need } from '../../checks/kind.js';
import { CHILD_TYPES, childByType, TOP_LEVEL_TYPES, type TopLevelType } from '../../model/metadata-types.js';
import { labelKey, layoutObject, nestingObject, splitChildName } from '../../model/names.js';
import type { Raw } from '../../model/raw.js';
import type { LoadProblem, OrgModel } from '../../model/types.js';
import { buildModel, wantsFieldLabels } from './build-model.js';
import { describeError, isFatal } from './errors.js';
import { cleanRaw, emptyFetched, putComponent, type Fetched } from './fetched.js';
import { namesToRead, readBatches, type FetchPlan, type TypeFetch } from './fetch-plan.js';
import { LISTED, type ListedComponent, type OrgApi } from './org-api.js';
import { splitByCache, type ComponentCache } from './cache.js';
import { NO_VERSIONS, versionBook } from './versions.js';
import { needVersions } from './need-versions.js';
import { readRecordPages } from './record-pages.js';
import { recordPageOf } from '../../model/record-page-assignment.js';
import { mapComponent, type Placement } from '../../model/ingest.js';
import { pacer } from './pacer.js';
import { choosePatches, patchedRecord, patchFor, readParts, type ObjectPatch } from './object-patches.js';

export interface ReadProgress {
  /** Components the plan will read (grows as listings come back). */
  planned: number;
  /** Components asked for so far (found, missing or failed). */
  fetched: number;
}

export interface ReadOrgOptions {
  /** Shown as the report's org location: the instance URL. */
  location: string;
  /** The needs the plan came from, to attach failures to the rules that wanted the component. */
  needs?: Need[];
  secrets?: string[];
  onProgress?: (progress: ReadProgress) => void;
  /** Records read before, served again when the org lists them at the same version. */
  cache?: ComponentCache;
  /**
   * Called once every object the plan reads is in, with the field labels describe adds to them: a model
   * of what is read so far (with the load problems so far), while the other reads are still on the way.
   * The read returns once what it returns has settled (a failure is the callback's own).
   */
  onObjectsRead?: (objects: OrgModel) => void | PromiseLike<void>;
  /**
   * Called once every read of the plan is sent and what the cache serves is in, while replies are still
   * on the way: the model so far, and which needs it holds for good (all their components taken, none still
   * being read). Rules that need only those can be checked now (see checkAhead). Called again once every
   * object is in (read, and described where it needs to be), if that comes later, while later reads are still
   * on the way: most rules need only objects (see checksAhead, which takes both).
   */
  onWaiting?: (soFar: OrgModel, settled: (need: Need) => boolean) => void;
  /** With a cache: the rules that keep the findings of the last run (see FindingsKeeper). */
  keep?: PromiseLike<FindingsKeeper | undefined>;
}

/**
 * A re-audit's rules whose findings stay those of the last run because nothing they read changed (see
 * engine/kept-findings.ts): the cached components only they need are neither parsed ahead nor served, and so
 * not in the model. Components read from the org (what changed) are taken all the same.
 */
export interface FindingsKeeper {
  /** Before the listings are in: whether a cached component may still be needed, and so is worth parsing ahead. */
  mayWant(type: string, fullName: string): boolean;
  /**
   * Once every listing is in: `versionOf` says what the listings say of a need (see needVersions). Settles which
   * rules keep their findings, and gives which cached components the others need.
   */
  settle(versionOf: (need: Need) => string | undefined): Promise<(type: string, fullName: string) => boolean>;
  /** How many rules keep their findings, once settled (the report's `rulesKept`). */
  keeping(): number;
}

export interface ReadOrgResult {
  org: OrgModel;
  fetched: Fetched;
  /** Components Salesforce returned (nil answers and failures not counted). */
  componentsRead: number;
  /** Components served by the cache instead. */
  componentsCached: number;
  /** Objects brought up to date from the cache by reading only the nested parts that changed. */
  objectsPatched: number;
}

/** What the cache holds for each object, at whatever version (see ComponentCache.stored). */
type StoredLookup = Awaited<ReturnType<ComponentCache['stored']>>;

const TOP = new Set<string>(TOP_LEVEL_TYPES.map((t) => t.type));

/** Types whose rules may name a component by label or in another case: a miss is looked for in a listing. */
const FALLBACK = new Set<TopLevelType>(['Profile', 'CustomApplication', 'FlexiPage']);

/**
 * Carries out a fetch plan against the org and builds the model. Listings and
 * reads of known names start at once; each listed type is read as soon as its
 * listing is back. A call that still fails after its retries does not stop the
 * run: the components it was for become load problems, which turn the rules
 * that need them into `error` findings. Only a refused session, or an org that
 * never answered, stops it.
 */
export async function readOrg(api: OrgApi, plan: FetchPlan, options: ReadOrgOptions): Promise<ReadOrgResult> {
  const fetched = emptyFetched();
  const labelObjects = new Set(plan.describe);
  // Started as objects come back (only those that need one), awaited at the end.
  const describes: Array<Promise<void>> = [];
  const problems: LoadProblem[] = [];
  const needs = options.needs ?? [];
  const secrets = options.secrets ?? [];
  const progress: ReadProgress = { planned: 0, fetched: 0 };
  let componentsRead = 0;
  let componentsCached = 0;
  let objectsPatched = 0;
  const cache = options.cache;
  // Versions serve only the cache: without one, a listing of thousands is not indexed for nothing.
  const versions = cache ? versionBook(plan.versionTypes.filter((t) => !TOP.has(t))) : NO_VERSIONS;
  const requested = new Map<string, Set<string>>();
  const tick = () => options.onProgress?.({ ...progress });
  const why = (e: unknown) => describeError(e, secrets);
  const rethrowFatal = (e: unknown) => {
    if (isFatal(e)) throw e;
  };

  // Cached records mapped while the reader waited for the org (see `warm` below), by record.
  const premapped = new WeakMap<Raw, Placement>();
  // Components asked for and no longer on the way (taken, missing or failed), and objects whose describe is.
  const finished = new Map<string, Set<string>>();
  const finish = (type: TopLevelType, name: string) => {
    let names = finished.get(type);
    if (!names) finished.set(type, (names = new Set()));
    names.add(name);
  };
  const describing = new Set<string>();
  const take = (type: TopLevelType, name: string, raw: Raw) => {
    putComponent(fetched, type, name, raw, premapped.get(raw));
    finish(type, name);
    if (type === 'CustomObject' && labelObjects.has(name) && wantsFieldLabels(name, raw)) {
      describing.add(name);
      const pending = describe(name).finally(() => describing.delete(name));
      // Awaited at the end; if the run stops earlier (credentials, unreachable), its failure must not go unhandled.
      pending.catch(() => undefined);
      describes.push(pending);
    }
  };

  /** `asked`: called once its reads are asked for; `sent`: once, after that, what the cache serves of them is in. */
  const read = async (type: TopLevelType, wanted: string[], hooks: { asked?(): void; sent?(): void } = {}): Promise<string[]> => {
    // Record-page steps may ask for a page another step is reading: each component is read once.
    let asked = requested.get(type);
    if (!asked) requested.set(type, (asked = new Set()));
    const names = wanted.filter((n) => !asked.has(n));
    for (const n of names) asked.add(n);
    if (!cache) {
      const reading = readNames(type, names);
      hooks.asked?.();
      hooks.sent?.();
      return reading;
    }
    // A version comes from listings made before the read (of the type, and of what its records nest):
    // a change between listing and read then shows as a new version next time, never as a stale hit.
    await Promise.all(versionListings(type));
    const split = await splitByCache(cache, type, names, (n) => versions.test(type, n));
    // An object of which only nested parts changed is brought up to date from its cached record.
    const { whole, patches, stored } = type === 'CustomObject' ? await objectPatches(cache, split.toRead) : { whole: split.toRead, patches: [] };
    // What changed is asked for first; what did not is parsed and checked while those reads are on the way.
    const reading = Promise.all([readNames(type, whole), stored ? patchObjects(cache, patches, stored) : []]).then((missing) => missing.flat());
    // Awaited below; a run stopped meanwhile (credentials, unreachable) must not leave it unhandled.
    reading.catch(() => undefined);
    hooks.asked?.();
    const failedCheck: string[] = [];
    // The requests just made go out first, and the serving is paced. A record warmed ahead costs next to
    // nothing here; one that was not is parsed and checked now.
    await nextTurn();
    const stillWanted = await keptWanted();
    const pace = pacer();
    for (const { fullName, record } of split.cached) {
      if (stillWanted && !stillWanted(type, fullName)) {
        finish(type, fullName);
        continue;
      }
      await pace();
      const raw = record.load();
      if (!raw) {
        failedCheck.push(fullName);
        continue;
      }
      componentsCached++;
      take(type, fullName, raw);
    }
    hooks.sent?.();
    const missing = await reading;
    // A record that fails its check is read after all: a corrupt cache costs reads, never findings.
    return failedCheck.length === 0 ? missing : [...missing, ...(await readNames(type, failedCheck))];
  };

  const readNames = async (type: TopLevelType, names: string[]): Promise<string[]> => {
    progress.planned += names.length;
    tick();
    const missing: string[] = [];
    await Promise.all(
      readBatches(names).map(async (batch) => {
        try {
          const records = await api.readMetadata(type, batch);
          batch.forEach((name, i) => {
            const record = records[i];
            if (!record) {
              missing.push(name);
              finish(type, name);
              return;
            }
            componentsRead++;
            const raw = cleanRaw(record) as Raw;
            if (cache) {
              const { version, lastModifiedDate } = versions.of(type, name);
              cache.put(type, name, version, raw, lastModifiedDate);
            }
            take(type, name, raw);
          });
        } catch (e) {
          rethrowFatal(e);
          for (const name of batch) {
            problems.push(...problemsFor(type, name, `could not read ${type} ${name} from the org: ${why(e)}`, needs));
            finish(type, name);
          }
        } finally {
          progress.fetched += batch.length;
          tick();
        }
      }),
    );
    return missing;
  };

  /** The objects to read whole and those to patch (see object-patches.ts), among objects the cache holds at another version. */
  const objectPatches = async (cache: ComponentCache, names: string[]): Promise<{ whole: string[]; patches: ObjectPatch[]; stored: StoredLookup }> => {
    const stored = await cache.stored('CustomObject');
    const whole: string[] = [];
    const patches: ObjectPatch[] = [];
    for (const name of names) {
      const before = stored(name)?.version;
      const now = versions.of('CustomObject', name).version;
      const patch = before && now ? patchFor(name, before, now) : undefined;
      if (patch) patches.push(patch);
      else whole.push(name);
    }
    return { ...choosePatches(whole, patches), stored };
  };

  /**
   * Reads the parts the patches need, ten of a type to a call, and puts each patched record in. An object
   * whose cached record fails its check, or one of whose parts could not be read, is read whole instead: a
   * patch costs fewer bytes, never a finding. Resolves to the objects the org does not have.
   */
  const patchObjects = async (cache: ComponentCache, patches: ObjectPatch[], stored: StoredLookup): Promise<string[]> => {
    if (patches.length === 0) return [];
    progress.planned += patches.reduce((n, p) => n + p.read.length, 0);
    tick();
    const { parts, unread } = await readParts(api, patches, {
      rethrowFatal,
      onBatch: (size) => {
        progress.fetched += size;
        tick();
      },
    });
    const whole: string[] = [];
    for (const patch of patches) {
      const record = unread.has(patch.object) ? undefined : stored(patch.object)?.record.load();
      if (!record) {
        whole.push(patch.object);
        continue;
      }
      componentsRead += patch.read.length;
      objectsPatched++;
      const raw = patchedRecord(record, patch, parts);
      const { version, lastModifiedDate } = versions.of('CustomObject', patch.object);
      cache.put('CustomObject', patch.object, version, raw, lastModifiedDate);
      take('CustomObject', patch.object, raw);
    }
    return readNames('CustomObject', whole);
  };

  // One promise per listMetadata call; a type read from its listing waits for its components, and a
  // type read from the cache for the listings its versions come from.
  const listings = new Map<string, Promise<ListedComponent[] | undefined>>();
  const listingDone = new Map<string, Promise<void>>();
  const versionOnly = new Set(plan.versionTypes);
  const prelisted = new Set(plan.prelisted);
  for (const types of plan.listCalls) {
    // What the last listing of these types said: worked out while the reader waits, used when the reply comes.
    const memo = cache?.listing(types, LISTED.versions);
    const call = api.listMetadata(types, { versions: !!cache, ...(memo ? { memo } : {}) }).then(
      (components) => {
        holdWarm();
        versions.add(types, components);
        if (memo) void memo.then((parsed) => cache?.keepListing(types, parsed));
        return components;
      },
      (e: unknown) => {
        rethrowFatal(e);
        versions.add(types, undefined);
        // A listing made only for the cache costs reads when it fails, never findings.
        for (const type of types.filter((t) => !versionOnly.has(t) && !prelisted.has(t))) {
          problems.push(...problemsFor(type as TopLevelType, '*', `could not list ${type} components in the org: ${why(e)}`, needs));
        }
        return undefined;
      },
    );
    const done = call.then(() => undefined);
    for (const type of types) {
      listingDone.set(type, done);
      // Kept only for the types read from it: a listing of every field in the org is not held all run long.
      if (!versionOnly.has(type) || prelisted.has(type)) {
        const listing = call.then((components) => components?.filter((c) => c.type === type));
        // A listing no step ends up asking for (spare slots) must not fail the process when the run stops.
        listing.catch(() => undefined);
        listings.set(type, listing);
      }
    }
  }
  // Which cached components the rules that do not keep their findings need: settled once every listing is in.
  const keeper = cache && options.keep ? Promise.resolve(options.keep).catch(() => undefined) : undefined;
  let wantedNow: ((type: string, fullName: string) => boolean) | undefined;
  let settling: Promise<typeof wantedNow> | undefined;
  const keptWanted = () =>
    (settling ??= (async () => {
      const k = await keeper;
      if (!k) return undefined;
      await Promise.all(listingDone.values());
      return (wantedNow = await k.settle(needVersions(versions)));
    })());

  /** The listings a type's versions come from: its own, and for objects those of the children their records nest. */
  const versionListings = (type: TopLevelType) => [...listingDone].filter(([t]) => t === type || (type === 'CustomObject' && !TOP.has(t))).map(([, p]) => p);

  const readType = async (fetch: TypeFetch): Promise<void> => {
    let asked = false;
    const askedOnce = () => {
      if (asked) return;
      asked = true;
      if (fetch.type === 'CustomObject') objectsAsked();
      if (--unasked === 0) resumeWarm();
    };
    let sent = false;
    const sentOnce = () => {
      if (sent) return;
      sent = true;
      if (--unsent === 0 && options.onWaiting) setImmediate(waiting);
    };
    try {
      let listed: ListedComponent[] | undefined;
      if (fetch.list) {
        listed = await listings.get(fetch.type);
        if (!listed) return; // the listing failed: every need of the type is already an error
      }
      if (fetch.type !== 'CustomObject') await objectsFirst;
      const missing = await read(fetch.type, fetch.list ? namesToRead(fetch, listed!) : fetch.names, { asked: askedOnce, sent: sentOnce });
      if (missing.length && FALLBACK.has(fetch.type) && !(fetch.list && 'all' in fetch.list)) await lookForMissing(fetch.type, missing);
    } finally {
      askedOnce();
      sentOnce();
    }
  };

  // Objects are asked for before any other type: the calls in flight are capped, so what is asked first is answered
  // first, and most of a run waits for the objects (the rules checked ahead, the record queries, the record pages).
  // With a cache every type waits for the listings; the objects' reads then went out after a big org's layouts.
  let objectsAsked = () => {};
  const objectsFirst = plan.types.some((t) => t.type === 'CustomObject') ? new Promise<void>((resolve) => (objectsAsked = resolve)) : Promise.resolve();
  // The plan's types whose reads are not all sent yet, and those not yet asked for.
  let unsent = plan.types.length;
  let unasked = plan.types.length;

  /**
   * Which needs the model holds for good as things stand: an object taken (and described, when it needs
   * to be), with what it nests; every layout of an object that the plan reads taken. Other types are
   * left to the end. A snapshot: what is taken later is not in the model it goes with.
   */
  const settledNow = (): ((need: Need) => boolean) => {
    const asked = (type: TopLevelType) => requested.get(type) ?? new Set<string>();
    // Read at once, not kept: the snapshot is the two sets worked out from them.
    const done = (type: TopLevelType) => finished.get(type) ?? new Set<string>();
    const objectsDone = done('CustomObject');
    const objects = new Set([...asked('CustomObject')].filter((name) => objectsDone.has(name) && !describing.has(name)));
    const layoutsDone = done('Layout');
    // Compared without case: a rule may name its object in another case than the org's layouts do.
    const layoutsBusy = new Set([...asked('Layout')].filter((name) => !layoutsDone.has(name)).map((name) => layoutObject(name).toLowerCase()));
    // Asked for only once the listing is back: then every layout the plan reads is among them.
    const layoutsSent = requested.has('Layout');
    return (need) => {
      if (need.type === 'CustomObject') return !!need.name && objects.has(need.name);
      if (childByType(need.type)) {
        const object = nestingObject(need);
        return !!object && objects.has(object);
      }
      if (need.type === 'Layout') return !!need.object && !need.name && layoutsSent && !layoutsBusy.has(need.object.toLowerCase());
      return false;
    };
  };

  /** The model of what is taken so far, with the load problems so far. */
  const modelSoFar = (): OrgModel => {
    const model = buildModel(fetched, options.location);
    model.problems.push(...problems);
    return model;
  };

  /** While replies are still on the way (see ReadOrgOptions.onWaiting): the model so far, and what of it is settled. */
  const waiting = () => {
    if (reading && options.onWaiting) options.onWaiting(modelSoFar(), settledNow());
  };

  /** A name the org does not know may still be a label or another spelling the checks accept: look in the listing. */
  const lookForMissing = async (type: TopLevelType, missing: string[]): Promise<void> => {
    let listed: ListedComponent[];
    try {
      listed = await listingOf(type);
    } catch (e) {
      rethrowFatal(e);
      for (const name of missing) problems.push(...problemsFor(type, name, `could not look for ${type} ${name} in the org: ${why(e)}`, needs));
      return;
    }
    const keys = new Set(missing.map(labelKey));
    // Profiles are found by name (any case); apps and pages also by label, which only a read shows.
    const candidates = listed.filter((c) => type !== 'Profile' || keys.has(labelKey(c.fullName))).map((c) => c.fullName);
    await read(type, [...new Set(candidates)].sort());
  };

  /** A type's components as listed: from a listing call of the plan when it made one that worked, else a call now. */
  const listingOf = async (type: TopLevelType): Promise<ListedComponent[]> =>
    (await listings.get(type)) ?? (await api.listMetadata([type], { versions: !!cache })).filter((c) => c.type === type);

  /** Field labels from REST describe, for an object just read whose metadata leaves some fields unlabelled. */
  const describe = async (object: string): Promise<void> => {
    try {
      const described = await api.describe(object);
      if (described) fetched.fieldLabels.set(object, new Map(described.fields.map((f) => [f.name, { label: f.label, type: f.type }])));
    } catch (e) {
      rethrowFatal(e);
      problems.push({ metadataType: 'CustomObject', component: object, message: `could not read the field labels of ${object} (describe): ${why(e)}` });
    }
  };

  /** Custom objects' labels (REST), asked along with the first reads: it depends on nothing else. */
  const objectLabels = async (): Promise<void> => {
    if (!plan.objectLabels) return;
    try {
      for (const s of await api.describeGlobal()) if (s.custom) fetched.objectLabels.set(s.name, { label: s.label, pluralLabel: s.labelPlural });
    } catch (e) {
      rethrowFatal(e);
      for (const type of ['Profile', 'CustomApplication']) {
        if (plan.types.some((t) => t.type === type)) {
          problems.push({ metadataType: type, component: '*', message: `could not read custom object labels for tab names (describeGlobal): ${why(e)}` });
        }
      }
    }
  };

  /**
   * Every component of a type the plan did not read whole, read now (`read` skips what was asked for). A listing that
   * fails is a problem of every need of the type, unless `cannotList` takes it (it knows whose problem it is).
   */
  const listAndRead = async (type: TopLevelType, cannotList?: (message: string) => void): Promise<void> => {
    let listed: ListedComponent[];
    try {
      listed = await listingOf(type);
    } catch (e) {
      rethrowFatal(e);
      const message = `could not list ${type} components in the org: ${why(e)}`;
      if (cannotList) cannotList(message);
      else problems.push(...problemsFor(type, '*', message, needs));
      return;
    }
    versions.add([type], listed);
    await read(type, listed.map((c) => c.fullName).sort());
  };

  // The main thread has little to do until the listings are back (the first call waits for the reading of
  // the org's API usage): cached records are parsed, checked and mapped meanwhile, objects first (the record
  // queries and pages wait for them), so that once the versions are known, serving them costs next to nothing.
  // From a listing's reply until every type's reads are asked for, the warming holds: those reads are what
  // the run waits on, and what is left of the warming is done while they are on the way.
  let reading = true;
  let warmHeld: Promise<void> | undefined;
  let resumeWarm = () => {};
  const holdWarm = () => {
    if (!cache || warmHeld || unasked === 0) return;
    warmHeld = new Promise((resolve) => {
      resumeWarm = () => {
        warmHeld = undefined;
        resolve();
      };
    });
  };
  if (cache) {
    const typesRead = [...plan.types.map((t) => t.type), ...(plan.recordPages.length ? ['FlexiPage' as const] : [])];
    const warmTypes = [...new Set(typesRead)].sort((a, b) => Number(b === 'CustomObject') - Number(a === 'CustomObject'));
    void (async () => {
      const k = await keeper;
      // What the rules keeping their findings alone need is not worth parsing: as far as is known, before the listings and after.
      const wanted = (type: string) => (name: string) => (wantedNow ?? k?.mayWant)?.(type, name) ?? true;
      for (const type of warmTypes) await cache.warm(type, (name, raw) => premapped.set(raw, mapComponent(type, name, raw)), () => !reading, () => warmHeld, wanted(type));
    })().catch(() => undefined);
  }

  const typeReads = new Map(plan.types.map((fetch) => [fetch.type, readType(fetch)]));
  const appsRead = plan.types.find((t) => t.type === 'CustomApplication' && t.list && 'all' in t.list);
  let apps: Promise<unknown> | undefined;
  const recordPages = readRecordPages(plan.recordPages, {
    objects: async () => {
      await typeReads.get('CustomObject');
      return fetched.components.get('CustomObject') ?? new Map();
    },
    apps: async () => {
      await (apps ??= appsRead ? typeReads.get('CustomApplication') : listAndRead('CustomApplication'));
      const failed = problems.find((p) => p.metadataType === 'CustomApplication');
      return failed ? failed.message : (fetched.components.get('CustomApplication') ?? new Map());
    },
    readPages: async (names) => {
      await read('FlexiPage', names);
    },
    readAllPages: (cannotList) => listAndRead('FlexiPage', cannotList),
    cannotTell: (object, message) => problems.push({ metadataType: 'FlexiPage', component: recordPageOf(object), message }),
  });

  // Every object in, with the field labels describe adds. A read that fails is the main flow's to report: then
  // the objects never come, and nothing is said of them. Waited for below, with what the callback starts: that is
  // the caller's once the read returns.
  const objectsIn = typeReads
    .get('CustomObject')
    ?.then(() => Promise.all(describes))
    .then(() => {
      // Most rules need objects, read in the first round: in after every read is sent, while later rounds are on
      // the way, what they settle is said again. (In before, the first wait had them.)
      if (unsent === 0 && options.onWaiting) setImmediate(waiting);
      return options.onObjectsRead?.(modelSoFar());
    })
    .catch(() => undefined);

  try {
    await Promise.all([...typeReads.values(), ...listingDone.values(), objectLabels(), recordPages, objectsIn]);
    await Promise.all(describes);
  } finally {
    reading = false;
    resumeWarm();
  }

  // The cache is written while the model is built: its writes wait on the disk, the model on nothing. One turn
  // of the event loop first, for the writes to be under way.
  const saving = cache?.save();
  if (saving) await nextTurn();
  const org = modelSoFar();
  await saving;
  return { org, fetched, componentsRead, componentsCached, objectsPatched };
}

/**
 * Load problems for a component that could not be fetched. Object children come
 * with their object, so a failed object read also blocks rules that need only
 * its list views, web links and the like.
 */
function problemsFor(type: TopLevelType, component: string, message: string, needs: Need[]): LoadProblem[] {
  const out: LoadProblem[] = [{ metadataType: type, component, message }];
  if (type !== 'CustomObject') return out;
  for (const child of CHILD_TYPES) {
    out.push({ metadataType: child.type, component: component === '*' ? '*' : `${component}.*`, message });
    for (const need of needs) {
      if (need.type === child.type && need.name && (component === '*' || splitChildName(need.name).object === component)) {
        out.push({ metadataType: child.type, component: need.name, message });
      }
    }
  }
  return out;
}

import type { Need } from '../../checks/kind.js';
import { CHILD_TYPES, type TopLevelType } from '../../model/metadata-types.js';
import { labelKey, splitChildName } from '../../model/names.js';
import type { Raw } from '../../model/raw.js';
import type { LoadProblem, OrgModel } from '../../model/types.js';
import { buildModel, wantsFieldLabels } from './build-model.js';
import { CredentialsError, describeError } from './errors.js';
import { cleanRaw, emptyFetched, putComponent, type Fetched } from './fetched.js';
import { namesToRead, readBatches, type FetchPlan, type TypeFetch } from './fetch-plan.js';
import type { ListedComponent, OrgApi } from './org-api.js';

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
}

export interface ReadOrgResult {
  org: OrgModel;
  fetched: Fetched;
  /** Components Salesforce returned (nil answers and failures not counted). */
  componentsRead: number;
}

/** Types whose rules may name a component by label or in another case: a miss is looked for in a listing. */
const FALLBACK = new Set<TopLevelType>(['Profile', 'CustomApplication', 'FlexiPage']);

/**
 * Carries out a fetch plan against the org and builds the model. Listings and
 * reads of known names start at once; each listed type is read as soon as its
 * listing is back. A call that still fails after its retries does not stop the
 * run: the components it was for become load problems, which turn the rules
 * that need them into `error` findings. Only a credentials failure stops it.
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
  const tick = () => options.onProgress?.({ ...progress });
  const why = (e: unknown) => describeError(e, secrets);
  const rethrowFatal = (e: unknown) => {
    if (e instanceof CredentialsError) throw e;
  };

  const read = async (type: TopLevelType, names: string[]): Promise<string[]> => {
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
              return;
            }
            componentsRead++;
            const raw = cleanRaw(record) as Raw;
            putComponent(fetched, type, name, raw);
            if (type === 'CustomObject' && labelObjects.has(name) && wantsFieldLabels(name, raw)) {
              const pending = describe(name);
              // Awaited at the end; if the run stops earlier (credentials), its failure must not go unhandled.
              pending.catch(() => undefined);
              describes.push(pending);
            }
          });
        } catch (e) {
          rethrowFatal(e);
          for (const name of batch) problems.push(...problemsFor(type, name, `could not read ${type} ${name} from the org: ${why(e)}`, needs));
        } finally {
          progress.fetched += batch.length;
          tick();
        }
      }),
    );
    return missing;
  };

  // One promise per listMetadata call; each type waits for the call that lists it.
  const listings = new Map<string, Promise<ListedComponent[] | undefined>>();
  for (const types of plan.listCalls) {
    const call = api.listMetadata(types).then(
      (listed) => listed,
      (e: unknown) => {
        rethrowFatal(e);
        for (const type of types) problems.push(...problemsFor(type as TopLevelType, '*', `could not list ${type} components in the org: ${why(e)}`, needs));
        return undefined;
      },
    );
    for (const type of types) listings.set(type, call.then((listed) => listed?.filter((c) => c.type === type)));
  }

  const readType = async (fetch: TypeFetch): Promise<void> => {
    let listed: ListedComponent[] | undefined;
    if (fetch.list) {
      listed = await listings.get(fetch.type);
      if (!listed) return; // the listing failed: every need of the type is already an error
    }
    const missing = await read(fetch.type, fetch.list ? namesToRead(fetch, listed!) : fetch.names);
    if (missing.length && FALLBACK.has(fetch.type) && !(fetch.list && 'all' in fetch.list)) await lookForMissing(fetch.type, missing);
  };

  /** A name the org does not know may still be a label or another spelling the checks accept: look in the listing. */
  const lookForMissing = async (type: TopLevelType, missing: string[]): Promise<void> => {
    let listed: ListedComponent[];
    try {
      listed = await api.listMetadata([type]);
    } catch (e) {
      rethrowFatal(e);
      for (const name of missing) problems.push(...problemsFor(type, name, `could not look for ${type} ${name} in the org: ${why(e)}`, needs));
      return;
    }
    const have = fetched.components.get(type) ?? new Map();
    const keys = new Set(missing.map(labelKey));
    const candidates = listed
      .filter((c) => c.type === type && !have.has(c.fullName))
      // Profiles are found by name (any case); apps and pages also by label, which only a read shows.
      .filter((c) => type !== 'Profile' || keys.has(labelKey(c.fullName)))
      .map((c) => c.fullName);
    if (candidates.length) await read(type, [...new Set(candidates)].sort());
  };

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

  /** Custom objects' labels. Asked last: its Sforce-Limit-Info then shows the org's usage after this run's calls. */
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

  await Promise.all([...plan.types.map(readType), ...listings.values()]);
  await Promise.all(describes);
  await objectLabels();

  const org = buildModel(fetched, options.location);
  org.problems.push(...problems);
  return { org, fetched, componentsRead };
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

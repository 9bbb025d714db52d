/** A generated Lightning app: a handful of object tabs, some utility settings, a record page assignment or two. */
import type { Random } from './random.js';
import { metadataXml, type Node } from './xml.js';
import type { ObjectPlan } from './plan.js';
import type { RenderedFile } from './render-object.js';

const STANDARD_TABS = ['standard-home', 'standard-Account', 'standard-Contact', 'standard-report', 'standard-Dashboard', 'standard-Feed'];

export function renderApp(app: { name: string; label: string }, objects: ObjectPlan[], random: Random): RenderedFile {
  const picked = random.sample(objects, Math.min(objects.length, random.int(5, 12)));
  // App-level record page assignments for a couple of objects (the org default covers the rest).
  const assignments: Node[] = picked
    .filter((o) => o.recordPage)
    .slice(0, 2)
    .map((o): Node => [
      'actionOverrides',
      [['actionName', 'View'], ['comment', 'Action override created by Lightning App Builder during activation.'], ['content', o.recordPage ?? ''], ['formFactor', 'Large'], ['skipRecordTypeSelect', false], ['type', 'Flexipage'], ['pageOrSobjectType', o.name]],
    ]);
  return {
    path: `applications/${app.name}.app-meta.xml`,
    text: metadataXml('CustomApplication', [
      ...assignments,
      ['brand', [['headerColor', `#${random.int(0, 0xffffff).toString(16).padStart(6, '0').toUpperCase()}`], ['shouldOverrideOrgTheme', false]]],
      ['description', `${app.label}: the ${picked[0]?.plural.toLowerCase() ?? 'records'} and what goes with them.`],
      ['formFactors', 'Small'],
      ['formFactors', 'Large'],
      ['isNavAutoTempTabsDisabled', false],
      ['isNavPersonalizationDisabled', false],
      ['isNavTabPersistenceDisabled', false],
      ['label', app.label],
      ['navType', random.pick(['Standard', 'Console'])],
      ['setupExperience', 'all'],
      ...random.sample(STANDARD_TABS, 3).map((t): Node => ['tabs', t]),
      ...picked.map((o): Node => ['tabs', o.name]),
      ['uiType', 'Lightning'],
      ['utilityBar', `${app.name}_UtilityBar`],
    ]),
  };
}

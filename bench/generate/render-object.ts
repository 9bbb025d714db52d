/** A generated custom object and its children (fields, list views, compact layout, custom links) and its tab. */
import type { Random } from './random.js';
import { metadataXml, type Node } from './xml.js';
import type { FieldPlan, ObjectPlan } from './plan.js';

export interface RenderedFile {
  /** Relative to `force-app/main/default`. */
  path: string;
  text: string;
}

const PICKLIST_VALUES = ['New', 'In Progress', 'On Hold', 'Waiting on Customer', 'Approved', 'Rejected', 'Done', 'Cancelled'];

function fieldNodes(field: FieldPlan, random: Random): Node[] {
  const common: Node[] = [
    ['fullName', field.name],
    ['description', `${field.label}, kept up to date by the owning team.`],
    ['externalId', false],
    ['inlineHelpText', `What ${field.label.toLowerCase()} means for this record.`],
    ['label', field.label],
  ];
  const tracking: Node[] = [
    ['trackFeedHistory', false],
    ['trackHistory', random.chance(0.2)],
    ['trackTrending', false],
  ];
  switch (field.type) {
    case 'Text':
      return [...common, ['length', 255], ['required', false], ...tracking, ['type', 'Text'], ['unique', false]];
    case 'Number':
    case 'Currency':
      return [...common, ['precision', 18], ['required', false], ['scale', field.type === 'Currency' ? 2 : 0], ...tracking, ['type', field.type], ['unique', false]];
    case 'Checkbox':
      return [['fullName', field.name], ['defaultValue', false], ['description', `${field.label}.`], ['externalId', false], ['label', field.label], ...tracking, ['type', 'Checkbox']];
    case 'Picklist': {
      const values = random.sample(PICKLIST_VALUES, random.int(4, PICKLIST_VALUES.length));
      return [
        ...common,
        ['required', false],
        ...tracking,
        ['type', 'Picklist'],
        [
          'valueSet',
          [
            ['restricted', true],
            [
              'valueSetDefinition',
              [['sorted', false], ...values.map((v, i): Node => ['value', [['fullName', v], ['default', i === 0], ['label', v]]])],
            ],
          ],
        ],
      ];
    }
    case 'LongTextArea':
      return [...common, ['length', 32768], ...tracking, ['type', 'LongTextArea'], ['visibleLines', 5]];
    case 'Lookup':
      return [
        ...common,
        ['deleteConstraint', 'SetNull'],
        ['referenceTo', field.references ?? ''],
        ['relationshipLabel', field.label],
        ['relationshipName', field.name.replace(/__c$/, '')],
        ['required', false],
        ...tracking,
        ['type', 'Lookup'],
      ];
    default:
      return [...common, ['required', false], ...tracking, ['type', field.type], ['unique', false]];
  }
}

/** Standard list view columns of a custom object, then some of its own fields. */
function listViewNodes(object: ObjectPlan, view: { name: string; label: string }, random: Random): Node[] {
  const columns: Node[] = [['columns', 'NAME'], ...random.sample(object.fields, 4).map((f): Node => ['columns', f.name]), ['columns', 'CREATED_DATE']];
  const picklist = object.fields.find((f) => f.type === 'Picklist');
  const date = object.fields.find((f) => f.type === 'Date');
  const filters: Node[] = [];
  let scope = 'Everything';
  switch (view.name) {
    case 'My_Records':
      scope = 'Mine';
      break;
    case 'Recently_Created':
      filters.push(['filters', [['field', 'CREATED_DATE'], ['operation', 'equals'], ['value', 'LAST_N_DAYS:7']]]);
      break;
    case 'Due_This_Week':
      if (date) filters.push(['filters', [['field', date.name], ['operation', 'equals'], ['value', 'THIS_WEEK']]]);
      break;
    case 'Team_View':
      scope = 'Team';
      break;
    case 'All':
      break;
    default:
      if (picklist) filters.push(['filters', [['field', picklist.name], ['operation', random.pick(['equals', 'notEqual'])], ['value', random.pick(PICKLIST_VALUES)]]]);
  }
  const shared: Node[] = random.chance(0.15) ? [['sharedTo', [['group', random.pick(['Sales_Team', 'Support_Team', 'Finance'])]]]] : [];
  return [['fullName', view.name], ...columns, ['filterScope', scope], ...filters, ['label', view.label], ...shared];
}

function objectNodes(object: ObjectPlan): Node[] {
  const overrides: Node[] = ['Accept', 'CancelEdit', 'Clone', 'Delete', 'Edit', 'List', 'New', 'SaveEdit', 'Tab'].map((action): Node => [
    'actionOverrides',
    [['actionName', action], ['type', 'Default']],
  ]);
  overrides.push(
    object.recordPage
      ? ['actionOverrides', [['actionName', 'View'], ['comment', 'Action override created by Lightning App Builder during activation.'], ['content', object.recordPage], ['formFactor', 'Large'], ['skipRecordTypeSelect', false], ['type', 'Flexipage']]]
      : ['actionOverrides', [['actionName', 'View'], ['type', 'Default']]],
  );
  return [
    ...overrides,
    ['allowInChatterGroups', false],
    ['compactLayoutAssignment', object.compactLayout],
    ['deploymentStatus', 'Deployed'],
    ['description', `${object.plural} tracked by the operations team.`],
    ['enableActivities', true],
    ['enableBulkApi', true],
    ['enableFeeds', false],
    ['enableHistory', true],
    ['enableLicensing', false],
    ['enableReports', true],
    ['enableSearch', true],
    ['enableSharing', true],
    ['enableStreamingApi', true],
    ['externalSharingModel', 'Private'],
    ['label', object.label],
    ['nameField', [['label', `${object.label} Name`], ['trackHistory', false], ['type', 'Text']]],
    ['pluralLabel', object.plural],
    ['searchLayouts', object.fields.slice(0, 4).map((f): Node => ['customTabListAdditionalFields', f.name])],
    ['sharingModel', 'ReadWrite'],
    ['visibility', 'Public'],
  ];
}

export function renderObject(object: ObjectPlan, random: Random): RenderedFile[] {
  const dir = `objects/${object.name}`;
  const files: RenderedFile[] = [{ path: `${dir}/${object.name}.object-meta.xml`, text: metadataXml('CustomObject', objectNodes(object)) }];
  for (const field of object.fields) {
    files.push({ path: `${dir}/fields/${field.name}.field-meta.xml`, text: metadataXml('CustomField', fieldNodes(field, random)) });
  }
  for (const view of object.listViews) {
    files.push({ path: `${dir}/listViews/${view.name}.listView-meta.xml`, text: metadataXml('ListView', listViewNodes(object, view, random)) });
  }
  files.push({
    path: `${dir}/compactLayouts/${object.compactLayout}.compactLayout-meta.xml`,
    text: metadataXml('CompactLayout', [
      ['fullName', object.compactLayout],
      ['fields', 'Name'],
      ...object.fields.slice(0, random.int(3, 5)).map((f): Node => ['fields', f.name]),
      ['label', `${object.label} Highlights`],
    ]),
  });
  for (const link of object.webLinks) {
    const label = link === 'Open_In_Portal' ? 'Open in portal' : 'Print summary';
    const url = link === 'Open_In_Portal' ? `https://portal.example.com/records/{!${object.name}.Id}` : `/apex/PrintSummary?id={!${object.name}.Id}`;
    files.push({
      path: `${dir}/webLinks/${link}.webLink-meta.xml`,
      text: metadataXml('WebLink', [
        ['fullName', link],
        ['availability', 'online'],
        ['displayType', 'link'],
        ['encodingKey', 'UTF-8'],
        ['hasMenubar', false],
        ['hasScrollbars', true],
        ['hasToolbar', false],
        ['height', 600],
        ['isResizable', true],
        ['linkType', 'url'],
        ['masterLabel', label],
        ['openType', 'newWindow'],
        ['position', 'none'],
        ['protected', false],
        ['showsLocation', false],
        ['showsStatus', false],
        ['url', url],
      ]),
    });
  }
  files.push({
    path: `tabs/${object.name}.tab-meta.xml`,
    text: metadataXml('CustomTab', [['customObject', true], ['motif', `Custom${random.int(1, 99)}: ${object.label.split(' ')[0]}`]]),
  });
  return files;
}

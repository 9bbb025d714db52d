/** Page layouts of a generated object: sections of its fields, actions and related lists, like Setup writes them. */
import type { Random } from './random.js';
import { metadataXml, type Node } from './xml.js';
import type { ObjectPlan } from './plan.js';
import type { RenderedFile } from './render-object.js';

/** Share of layouts that still show the Notes related list: org-wide "no Notes" rules find these. */
export const NOTES_SHARE = 0.05;

function item(field: string, behavior: string): Node {
  return ['layoutItems', [['behavior', behavior], ['field', field]]];
}

function twoColumns(items: Node[]): Node[] {
  const half = Math.ceil(items.length / 2);
  return [
    ['layoutColumns', items.slice(0, half)],
    ['layoutColumns', items.slice(half)],
  ];
}

function section(label: string, columns: Node[], style = 'TwoColumnsTopToBottom', detailHeading = true): Node {
  return ['layoutSections', [['customLabel', false], ['detailHeading', detailHeading], ['editHeading', true], ['label', label], ...columns, ['style', style]]];
}

function relatedList(name: string, fields: string[]): Node {
  return ['relatedLists', [...fields.map((f): Node => ['fields', f]), ['relatedList', name]]];
}

/** `children`: related lists other objects' lookups give this object (`Child__c.Lookup__c`). */
export function renderLayout(object: ObjectPlan, fullName: string, children: string[], random: Random): RenderedFile {
  const own = random.sample(object.fields, object.fields.length);
  const split = Math.ceil(own.length * 0.6);
  const sections: Node[] = [
    section('Information', twoColumns([item('Name', 'Required'), item('OwnerId', 'Edit'), ...own.slice(0, split).map((f) => item(f.name, random.chance(0.1) ? 'Required' : 'Edit'))]), 'TwoColumnsTopToBottom', false),
    section('Additional Information', twoColumns(own.slice(split).map((f) => item(f.name, 'Edit')))),
    section('System Information', twoColumns([item('CreatedById', 'Readonly'), item('LastModifiedById', 'Readonly')])),
  ];
  if (object.webLinks.length) {
    sections.push([
      'layoutSections',
      [
        ['customLabel', true],
        ['detailHeading', true],
        ['editHeading', false],
        ['label', 'Useful Links'],
        ['layoutColumns', object.webLinks.map((l): Node => ['layoutItems', [['customLink', l]]])],
        ['style', 'CustomLinks'],
      ],
    ]);
  }
  const related: Node[] = [
    relatedList('RelatedActivityList', ['TASK.SUBJECT', 'TASK.WHO_NAME', 'ACTIVITY.TASK', 'TASK.DUE_DATE', 'TASK.STATUS', 'CORE.USERS.FULL_NAME']),
    relatedList('RelatedHistoryList', ['TASK.SUBJECT', 'TASK.WHO_NAME', 'ACTIVITY.TASK', 'TASK.DUE_DATE', 'CORE.USERS.FULL_NAME', 'TASK.LAST_UPDATE']),
    ...children.slice(0, 3).map((c) => relatedList(c, ['NAME', 'CREATED_DATE', 'OWNER.ALIAS'])),
    relatedList('RelatedFileList', []),
  ];
  if (random.chance(NOTES_SHARE)) related.push(relatedList('RelatedNoteList', []));
  const actions = ['Edit', 'Delete', 'Clone', 'ChangeOwnerOne', 'Share', 'PrintableView'];
  return {
    path: `layouts/${fullName}.layout-meta.xml`,
    text: metadataXml('Layout', [
      ['excludeButtons', 'Submit'],
      ...sections,
      ['miniLayout', [['fields', 'Name'], ...own.slice(0, 3).map((f): Node => ['fields', f.name])]],
      [
        'platformActionList',
        [['actionListContext', 'Record'], ...actions.map((a, i): Node => ['platformActionListItems', [['actionName', a], ['actionType', 'StandardButton'], ['sortOrder', i]]])],
      ],
      ...related,
      ['showEmailCheckbox', false],
      ['showHighlightsPanel', false],
      ['showInteractionLogPanel', false],
      ['showRunAssignmentRulesCheckbox', false],
      ['showSubmitAndAttachButton', false],
    ]),
  };
}

/** A generated Lightning record page: header, tabs (related, details) in the main column, a sidebar on the right. */
import type { Random } from './random.js';
import { metadataXml, type Node } from './xml.js';
import type { ObjectPlan } from './plan.js';
import type { RenderedFile } from './render-object.js';

function component(name: string, identifier: string, properties: Array<[string, string]> = []): Node {
  return [
    'itemInstances',
    [['componentInstance', [...properties.map(([k, v]): Node => ['componentInstanceProperties', [['name', k], ['value', v]]]), ['componentName', name], ['identifier', identifier]]]],
  ];
}

function region(name: string, type: 'Region' | 'Facet', items: Node[]): Node {
  return ['flexiPageRegions', [...items, ['mode', 'Replace'], ['name', name], ['type', type]]];
}

export function renderFlexiPage(object: ObjectPlan, random: Random): RenderedFile | undefined {
  if (!object.recordPage) return undefined;
  const sidebar: Node[] = [component('runtime_sales_activities:activityPanel', 'runtime_sales_activities_activityPanel')];
  if (random.chance(0.5)) {
    sidebar.push(component('force:relatedListSingleContainer', 'force_relatedListSingleContainer', [['adminFilters', ''], ['maxRecordsToDisplay', '10'], ['parentFieldApiName', `${object.name}.Id`], ['relatedListApiName', 'Histories'], ['relatedListComponentOverride', 'NONE'], ['rowsToDisplay', '10'], ['showActionBar', 'true']]));
  }
  if (random.chance(0.05)) {
    sidebar.push(component('force:relatedListSingleContainer', 'force_relatedListSingleContainer2', [['parentFieldApiName', `${object.name}.Id`], ['relatedListApiName', 'AttachedContentNotes'], ['relatedListComponentOverride', 'NONE'], ['rowsToDisplay', '5']]));
  }
  return {
    path: `flexipages/${object.recordPage}.flexipage-meta.xml`,
    text: metadataXml('FlexiPage', [
      region('header', 'Region', [component('force:highlightsPanel', 'force_highlightsPanel', [['collapsed', 'false'], ['enableActionsConfiguration', 'false'], ['enableActionsInNative', 'false'], ['hideChatterActions', 'false'], ['numVisibleActions', '3']])]),
      region('relatedTabContent', 'Facet', [component('force:relatedListContainer', 'force_relatedListContainer', [['relatedListComponentOverride', 'NONE']])]),
      region('detailTabContent', 'Facet', [component('force:detailPanel', 'force_detailPanel')]),
      region('maintabs', 'Facet', [
        component('flexipage:tab', 'relatedTab', [['active', 'false'], ['body', 'relatedTabContent'], ['title', 'Standard.Tab.relatedLists']]),
        component('flexipage:tab', 'detailTab', [['active', 'true'], ['body', 'detailTabContent'], ['title', 'Standard.Tab.detail']]),
      ]),
      region('main', 'Region', [component('flexipage:tabset', 'flexipage_tabset', [['tabs', 'maintabs']])]),
      region('sidebar', 'Region', sidebar),
      ['masterLabel', `${object.label} Record Page`],
      ['sobjectType', object.name],
      ['template', [['name', 'flexipage:recordHomeTemplateDesktop'], ['properties', [['name', 'enablePageActionConfig'], ['value', 'false']]]]],
      ['type', 'RecordPage'],
    ]),
  };
}

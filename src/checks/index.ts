import type { AnyCheckKind } from './kind.js';
import { tabs } from './tabs.js';
import { listView } from './list-view.js';
import { layoutSection } from './layout-section.js';
import { compactLayout } from './compact-layout.js';
import { recordPage } from './record-page.js';
import { relatedLists } from './related-lists.js';
import { customLinks } from './custom-links.js';
import { fieldsExist } from './fields-exist.js';
import { manual } from './manual.js';
import { records } from './records.js';
import { links } from './links.js';

/** Every rule kind, registered in one place: the schema, the engine and the docs all read this. */
export const CHECK_KINDS: Record<string, AnyCheckKind> = Object.fromEntries(
  [tabs, listView, layoutSection, compactLayout, recordPage, relatedLists, customLinks, fieldsExist, records, links, manual].map((k) => [k.kind, k]),
);

export type { AnyCheckKind, CheckKind, CheckContext, Need } from './kind.js';

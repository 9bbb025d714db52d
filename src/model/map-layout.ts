import { list, str, type Raw } from './raw.js';
import { noLocator, type Locator } from './locate.js';
import { splitLayoutName } from './names.js';
import type { Layout, LayoutItem, LayoutSection, SourceRef } from './types.js';

function mapItem(raw: Raw): LayoutItem {
  const field = str(raw.field);
  const customLink = str(raw.customLink);
  // Blank spaces, canvases and components are kept as empty cells: they hold their row,
  // which decides the reading order of left-to-right sections.
  if (!field && !customLink) return {};
  return { field, customLink, behavior: str(raw.behavior) };
}

export function mapLayout(raw: Raw, fullName: string, source?: SourceRef, locate: Locator = noLocator): Layout {
  const { object, name } = splitLayoutName(fullName);
  const sections: LayoutSection[] = list(raw.layoutSections).map((section, index) => ({
    label: str(section.label) ?? '',
    style: str(section.style),
    columns: list(section.layoutColumns).map((column) => list(column.layoutItems).map(mapItem)),
    source: source?.file ? { file: source.file, line: locate('layoutSections', index) } : undefined,
  }));
  const relatedLists = list(raw.relatedLists).flatMap((related, index) => {
    const listName = str(related.relatedList);
    if (!listName) return [];
    return [{ name: listName, source: source?.file ? { file: source.file, line: locate('relatedLists', index) } : undefined }];
  });
  return { fullName, object, name, sections, relatedLists, source };
}

/**
 * The fields and links of a section in the order a person reads them on the page
 * (empty cells left out). `TwoColumnsLeftToRight` (and the three-column variant)
 * is read row by row; every other style column by column, top to bottom.
 */
export function readingOrder(section: LayoutSection): LayoutItem[] {
  const filled = (item: LayoutItem | undefined): item is LayoutItem => !!item && !!(item.field || item.customLink);
  if (section.style === 'TwoColumnsLeftToRight' || section.style === 'ThreeColumnsLeftToRight') {
    const rows = Math.max(0, ...section.columns.map((c) => c.length));
    const out: LayoutItem[] = [];
    for (let row = 0; row < rows; row++) {
      for (const column of section.columns) {
        const item = column[row];
        if (filled(item)) out.push(item);
      }
    }
    return out;
  }
  return section.columns.flat().filter(filled);
}

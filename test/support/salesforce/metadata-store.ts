/**
 * The org's metadata, read from a Salesforce DX source-format folder.
 *
 * Every `*-meta.xml` below the folder is classified by its suffix (and, for
 * object children, by the `objects/<Obj>/<element>/` folders around it), so
 * both `force-app/main/default` projects and bare `layouts/`, `objects/`...
 * folders work. File contents are read on demand so a test can edit a file
 * between two calls.
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import {
  CHILD_TYPES,
  CUSTOM_OBJECT,
  TOP_LEVEL_TYPES,
  childType,
  topLevelType,
  type ChildType,
} from './metadata-types.js';
import { escapeXml, rootContent, topLevelElements, type XmlElement } from './xml-text.js';

export interface MetadataComponent {
  type: string;
  /** Metadata API full name: `Account-Account Layout`, `Account`, `Account.Name`. */
  fullName: string;
  /** Metadata API format path, as listMetadata reports it: `layouts/Account-Account Layout.layout`. */
  fileName: string;
  /** Absolute path of the source file; absent for an object known only from its children's folders. */
  filePath?: string;
  /** For object children: the object, and the child's own name. */
  objectName?: string;
  childName?: string;
}

interface ObjectEntry {
  name: string;
  filePath?: string;
  children: MetadataComponent[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx']);
const SOURCE_FILE = /^(.+)\.([A-Za-z]+)-meta\.xml$/;

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  // Sorted so that "first file wins" on duplicates is the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

export class MetadataStore {
  private readonly byType = new Map<string, Map<string, MetadataComponent>>();
  private readonly objects = new Map<string, ObjectEntry>();
  /**
   * Each file's top-level elements, kept while the file's size and change time stay the same: an object
   * record nests tens of child files, and re-reading and re-cutting them all on every readMetadata made the
   * emulator, not the client, the cost of a big org's read. A test that edits a file is still seen at once.
   */
  private readonly elementsByFile = new Map<string, { stamp: string; elements: XmlElement[] }>();

  static async load(orgDir: string, options: { preload?: boolean } = {}): Promise<MetadataStore> {
    const store = new MetadataStore();
    for await (const file of walk(path.resolve(orgDir))) store.classify(file);
    if (options.preload) {
      for (const components of store.byType.values()) for (const c of components.values()) await store.elementsOf(c.filePath);
      for (const entry of store.objects.values()) await store.elementsOf(entry.filePath);
    }
    return store;
  }

  /** Components of a type, sorted by full name. */
  list(type: string): MetadataComponent[] {
    if (type === CUSTOM_OBJECT) {
      return [...this.objects.values()].map((o) => this.objectComponent(o)).sort(byFullName);
    }
    return [...(this.byType.get(type)?.values() ?? [])].sort(byFullName);
  }

  find(type: string, fullName: string): MetadataComponent | undefined {
    if (type === CUSTOM_OBJECT) {
      const entry = this.objects.get(fullName);
      return entry && this.objectComponent(entry);
    }
    return this.byType.get(type)?.get(fullName);
  }

  objectNames(): string[] {
    return [...this.objects.keys()].sort();
  }

  /** The object's own file's top-level elements, as kept (see `elementsOf`). */
  objectElements(objectName: string): Promise<XmlElement[]> {
    return this.elementsOf(this.objects.get(objectName)?.filePath);
  }

  /** Inner XML of each child file of `type` under the object, keyed by child name. */
  async childContents(objectName: string, type: string): Promise<Array<{ name: string; content: string }>> {
    const children = (this.objects.get(objectName)?.children ?? []).filter((c) => c.type === type);
    return Promise.all(
      children.map(async (c) => ({ name: c.childName ?? c.fullName, content: joined(await this.elementsOf(c.filePath)) })),
    );
  }

  /**
   * The inside of `<records xsi:type="...">` for readMetadata: `<fullName>` first,
   * then the component's own elements. A CustomObject also nests its children
   * (fields, listViews, ...) each under its own element with its short name,
   * as the Metadata API returns objects.
   */
  async recordContent(component: MetadataComponent): Promise<string> {
    const own = withoutFullName(await this.elementsOf(component.filePath));
    const fullName = `<fullName>${escapeXml(component.fullName)}</fullName>`;
    if (component.type !== CUSTOM_OBJECT) return fullName + own.map((e) => e.xml).join('');

    const nested: XmlElement[] = [];
    for (const child of this.objects.get(component.fullName)?.children ?? []) {
      const element = childType(child.type)?.element ?? '';
      const body = withoutFullName(await this.elementsOf(child.filePath));
      nested.push({
        name: element,
        xml: `<${element}><fullName>${escapeXml(child.childName ?? '')}</fullName>${body.map((e) => e.xml).join('')}</${element}>`,
      });
    }
    // CustomObject's WSDL sequence is alphabetical by element; the sort is stable,
    // so repeated elements keep their file order.
    const merged = [...own, ...nested].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return fullName + merged.map((e) => e.xml).join('');
  }

  /**
   * A stamp of the object's files (its own and its children's: size and change times), which moves when
   * any of them is edited: what a describe built from them is good for.
   */
  objectStamp(objectName: string): string {
    const entry = this.objects.get(objectName);
    if (!entry) return '';
    return [entry.filePath, ...entry.children.map((c) => c.filePath)]
      .map((file) => {
        const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
        return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}` : '-';
      })
      .join('|');
  }

  private async elementsOf(filePath: string | undefined): Promise<XmlElement[]> {
    if (!filePath) return [];
    const stat = statSync(filePath, { throwIfNoEntry: false });
    const stamp = stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}` : '';
    const known = this.elementsByFile.get(filePath);
    if (known && stamp && known.stamp === stamp) return known.elements;
    const elements = topLevelElements(await readInner(filePath));
    if (stamp) this.elementsByFile.set(filePath, { stamp, elements });
    return elements;
  }

  private classify(file: string): void {
    const match = SOURCE_FILE.exec(path.basename(file));
    if (!match) return;
    const [, base = '', suffix = ''] = match;
    const parentDir = path.basename(path.dirname(file));

    if (suffix === 'object') {
      this.objectEntry(base).filePath ??= file;
      return;
    }
    const child = CHILD_TYPES.find((t) => t.sourceSuffix === suffix);
    if (child && parentDir === child.element) {
      this.addChild(child, path.basename(path.dirname(path.dirname(file))), base, file);
      return;
    }
    const top = TOP_LEVEL_TYPES.find((t) => t.sourceSuffix === suffix);
    if (top) {
      this.add({ type: top.xmlName, fullName: base, fileName: `${top.directoryName}/${base}.${top.suffix}`, filePath: file });
    }
  }

  private addChild(type: ChildType, objectName: string, childName: string, file: string): void {
    const component: MetadataComponent = {
      type: type.xmlName,
      fullName: `${objectName}.${childName}`,
      // Children live inside their object's file in Metadata API format.
      fileName: `objects/${objectName}.object`,
      filePath: file,
      objectName,
      childName,
    };
    if (this.add(component)) this.objectEntry(objectName).children.push(component);
  }

  private add(component: MetadataComponent): boolean {
    let components = this.byType.get(component.type);
    if (!components) this.byType.set(component.type, (components = new Map()));
    if (components.has(component.fullName)) return false;
    components.set(component.fullName, component);
    return true;
  }

  private objectEntry(name: string): ObjectEntry {
    let entry = this.objects.get(name);
    if (!entry) this.objects.set(name, (entry = { name, children: [] }));
    return entry;
  }

  private objectComponent(entry: ObjectEntry): MetadataComponent {
    const objectType = topLevelType(CUSTOM_OBJECT);
    return {
      type: CUSTOM_OBJECT,
      fullName: entry.name,
      fileName: `${objectType?.directoryName ?? 'objects'}/${entry.name}.${objectType?.suffix ?? 'object'}`,
      ...(entry.filePath ? { filePath: entry.filePath } : {}),
    };
  }
}

async function readInner(filePath: string | undefined): Promise<string> {
  return filePath ? rootContent(await fs.readFile(filePath, 'utf8')).inner : '';
}

/** A file's inner XML from its kept elements (the whitespace between them left out). */
function joined(elements: XmlElement[]): string {
  return elements.map((e) => e.xml).join('');
}

/** Source files of object children carry a `<fullName>` of their own; the response sets it instead. */
function withoutFullName(elements: XmlElement[]): XmlElement[] {
  return elements.filter((e) => e.name !== 'fullName');
}

function byFullName(a: MetadataComponent, b: MetadataComponent): number {
  return a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0;
}

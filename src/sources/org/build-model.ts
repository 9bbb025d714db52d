import { TOP_LEVEL_TYPES, type TopLevelType } from '../../model/metadata-types.js';
import { standardFields } from '../../model/standard-fields.js';
import { list, str, type Raw } from '../../model/raw.js';
import { emptyObject, emptyOrg, type OrgModel } from '../../model/types.js';
import type { Fetched } from './fetched.js';

/** describe's field types as the Metadata API names them (the model's `Field.type`). */
const DESCRIBE_TYPES: Record<string, string> = {
  string: 'Text',
  textarea: 'TextArea',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  multipicklist: 'MultiselectPicklist',
  boolean: 'Checkbox',
  int: 'Number',
  double: 'Number',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  time: 'Time',
  reference: 'Lookup',
  address: 'Address',
  location: 'Location',
  encryptedstring: 'EncryptedText',
  id: 'Id',
};

/**
 * Whether describe can add anything to an object read from the Metadata API:
 * a field without a label that the built-in table does not know either.
 * Custom fields always carry labels, so most custom objects need no describe.
 */
export function wantsFieldLabels(objectName: string, raw: Raw): boolean {
  const table = new Set(standardFields(objectName).map((f) => f.name.toLowerCase()));
  return list(raw.fields).some((f) => {
    const name = str(f.fullName);
    return !!name && !str(f.label) && !table.has(name.toLowerCase());
  });
}

function suffixOf(type: TopLevelType): string {
  return TOP_LEVEL_TYPES.find((t) => t.type === type)?.suffix ?? '';
}

/** Components in the order a folder reader meets their files (`Name.layout-meta.xml` sorted), so map order agrees. */
function fileOrder(type: TopLevelType, names: Iterable<string>): string[] {
  const suffix = `.${suffixOf(type)}-meta.xml`;
  return [...names]
    .map((name) => ({ name, key: name + suffix }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((n) => n.name);
}

/**
 * Builds the org model from fetched records, mapped as they came in (`mapComponent`,
 * as the folder reader's `ingest` maps them), then adds what only the live APIs know:
 * - labels (and types) of fields whose metadata has none and the built-in
 *   table does not know, from describe. Only for fields the metadata has: the
 *   field set stays the metadata's, and the table keeps the labels people see
 *   on page layouts, so a live audit and a folder audit of the same metadata agree;
 * - labels of custom objects not otherwise read, for tab names.
 */
export function buildModel(fetched: Fetched, location: string): OrgModel {
  const org = emptyOrg({ kind: 'org', location });
  const order: TopLevelType[] = ['CustomObject', ...TOP_LEVEL_TYPES.map((t) => t.type).filter((t) => t !== 'CustomObject')];
  for (const type of order) {
    const mapped = fetched.mapped.get(type);
    if (!mapped) continue;
    for (const name of fileOrder(type, mapped.keys())) mapped.get(name)!(org);
  }

  for (const [objectName, described] of fetched.fieldLabels) {
    const object = org.objects.get(objectName);
    if (!object) continue;
    const table = new Set(standardFields(objectName).map((f) => f.name.toLowerCase()));
    const byLower = new Map([...described].map(([name, d]) => [name.toLowerCase(), d]));
    for (const field of object.fields.values()) {
      const key = field.name.toLowerCase();
      const d = byLower.get(key);
      // The table holds the labels people see on pages ("Account Name" for AccountId, where describe says
      // "Account ID"): it wins. A label that only repeats the API name says nothing.
      if (!d || table.has(key)) continue;
      if (!field.label && d.label && d.label !== field.name) field.label = d.label;
      if (!field.type && d.type) field.type = DESCRIBE_TYPES[d.type] ?? d.type;
    }
  }

  const read = fetched.components.get('CustomObject');
  for (const [name, labels] of [...fetched.objectLabels].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (read?.has(name)) continue; // its own metadata says what its labels are
    let object = org.objects.get(name);
    if (!object) org.objects.set(name, (object = emptyObject(name)));
    object.label ??= labels.label;
    object.pluralLabel ??= labels.pluralLabel;
  }
  return org;
}

/**
 * sObject describe results (REST `sobjects/<X>/describe` and `sobjects`),
 * assembled from the org folder: field files give names, labels, types,
 * picklist values and lookups; standard fields without a label in their file
 * take it from standard-labels.ts; fields only seen in data/ records are
 * described from their values. The result carries the DescribeSObjectResult
 * properties a metadata reader uses, not every one Salesforce sends.
 */
import type { DataStore, FieldValue } from './data-store.js';
import { deterministicId } from './ids.js';
import { childType } from './metadata-types.js';
import type { MetadataStore } from './metadata-store.js';
import {
  STANDARD_OBJECTS,
  commonFields,
  objectKeyPrefix,
  type DescribeFieldType,
  type StandardField,
} from './standard-labels.js';
import { childContents, childText, childTexts, elementText } from './xml-text.js';

export interface DescribeField {
  name: string;
  label: string;
  type: DescribeFieldType;
  custom: boolean;
  calculated: boolean;
  nillable: boolean;
  length: number;
  precision: number;
  scale: number;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: Array<{ active: boolean; defaultValue: boolean; label: string; value: string; validFor: null }>;
  inlineHelpText: string | null;
  createable: boolean;
  updateable: boolean;
  filterable: boolean;
  sortable: boolean;
}

export interface DescribeSummary {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  keyPrefix: string;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  urls: Record<string, string>;
}

export interface DescribeResult extends DescribeSummary {
  fields: DescribeField[];
  recordTypeInfos: Array<{ name: string; developerName: string; recordTypeId: string; active: boolean; available: boolean; master: boolean; defaultRecordTypeMapping: boolean }>;
  childRelationships: never[];
}

/** Metadata API field types (CustomField.type) to describe's types (REST API Developer Guide, field types). */
const SOURCE_TYPES: Record<string, DescribeFieldType> = {
  AutoNumber: 'string',
  Checkbox: 'boolean',
  Currency: 'currency',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  EncryptedText: 'encryptedstring',
  ExternalLookup: 'reference',
  Hierarchy: 'reference',
  Html: 'textarea',
  Location: 'location',
  Lookup: 'reference',
  LongTextArea: 'textarea',
  MasterDetail: 'reference',
  MetadataRelationship: 'reference',
  MultiselectPicklist: 'multipicklist',
  Number: 'double',
  Percent: 'percent',
  Phone: 'phone',
  Picklist: 'picklist',
  Summary: 'double',
  Text: 'string',
  TextArea: 'textarea',
  Time: 'time',
  Url: 'url',
};

/** Salesforce's id of the Master record type every object has. */
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export class DescribeCatalog {
  /**
   * Describes built, by object and API version, with the stamp of the files they were built from: every
   * record query resolves its fields through a describe, and building one (tens of field files) took the
   * emulator 2-8 ms per query, during which it took in no other request.
   */
  private readonly described = new Map<string, { stamp: string; result: Promise<DescribeResult | undefined> }>();

  constructor(
    private readonly metadata: MetadataStore,
    private readonly data: DataStore,
  ) {}

  /** Canonical spelling of an object the org has (folder, records or standard table), case-insensitive. */
  objectName(name: string): string | undefined {
    const wanted = name.toLowerCase();
    const candidates = [...this.metadata.objectNames(), ...this.data.types(), ...Object.keys(STANDARD_OBJECTS)];
    return candidates.find((c) => c.toLowerCase() === wanted);
  }

  objectNames(): string[] {
    return [...new Set([...this.metadata.objectNames(), ...this.data.types(), ...Object.keys(STANDARD_OBJECTS)])].sort();
  }

  describe(requested: string, version: string): Promise<DescribeResult | undefined> {
    const name = this.objectName(requested) ?? requested;
    const key = `${name}|${version}`;
    const stamp = this.metadata.objectStamp(name);
    const known = this.described.get(key);
    if (known && known.stamp === stamp) return known.result;
    const result = this.build(requested, version);
    this.described.set(key, { stamp, result });
    return result;
  }

  private async build(requested: string, version: string): Promise<DescribeResult | undefined> {
    const summary = await this.summary(requested, version);
    if (!summary) return undefined;
    return {
      ...summary,
      fields: await this.fields(summary.name, summary.label),
      recordTypeInfos: await this.recordTypes(summary.name),
      childRelationships: [],
    };
  }

  /** The object-level part of the describe (what `sobjects` lists), without reading field files. */
  async summary(requested: string, version: string): Promise<DescribeSummary | undefined> {
    const name = this.objectName(requested);
    return name ? this.summaryOf(name, version) : undefined;
  }

  /** Every object's summary (describeGlobal), without looking each name up again among all of them. */
  async summaries(version: string): Promise<DescribeSummary[]> {
    return Promise.all(this.objectNames().map((name) => this.summaryOf(name, version)));
  }

  private async summaryOf(name: string, version: string): Promise<DescribeSummary> {
    const elements = await this.metadata.objectElements(name);
    const standard = STANDARD_OBJECTS[name];
    const label = elementText(elements, 'label') ?? standard?.label ?? name;
    const base = `/services/data/v${version}/sobjects/${name}`;
    return {
      name,
      label,
      labelPlural: elementText(elements, 'pluralLabel') ?? standard?.labelPlural ?? `${label}s`,
      custom: /__[a-z]+$/.test(name),
      keyPrefix: objectKeyPrefix(name),
      queryable: true,
      createable: true,
      updateable: true,
      deletable: true,
      urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
    };
  }

  private async fields(objectName: string, objectLabel: string): Promise<DescribeField[]> {
    const standardFields: Record<string, StandardField> = {
      ...commonFields(objectLabel),
      ...(STANDARD_OBJECTS[objectName]?.fields ?? {}),
    };
    const fields = new Map<string, DescribeField>();
    // Id first, as in a live describe.
    fields.set('id', fromStandard('Id', standardFields['Id'] as StandardField));
    for (const { name, content } of await this.metadata.childContents(objectName, 'CustomField')) {
      fields.set(name.toLowerCase(), fromFieldFile(name, content, standardFields[name]));
    }
    for (const [name, field] of Object.entries(standardFields)) {
      if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), fromStandard(name, field));
    }
    for (const name of this.data.fieldNames(objectName)) {
      if (!fields.has(name.toLowerCase())) {
        const sample = this.data.records(objectName).find((r) => r.fields[name] !== null)?.fields[name] ?? null;
        fields.set(name.toLowerCase(), fromValue(name, sample));
      }
    }
    return [...fields.values()];
  }

  private async recordTypes(objectName: string): Promise<DescribeResult['recordTypeInfos']> {
    const master = { name: 'Master', developerName: 'Master', recordTypeId: MASTER_RECORD_TYPE_ID, active: true, available: true, master: true, defaultRecordTypeMapping: true };
    const own = (await this.metadata.childContents(objectName, 'RecordType')).map(({ name, content }) => ({
      name: childText(content, 'label') ?? name,
      developerName: name,
      recordTypeId: recordTypeId(objectName, name),
      active: childText(content, 'active') === 'true',
      available: true,
      master: false,
      defaultRecordTypeMapping: false,
    }));
    return [...own, master];
  }
}

/** Same derivation as the RecordType ids listMetadata reports, so both views agree. */
function recordTypeId(objectName: string, name: string): string {
  return deterministicId(childType('RecordType')?.keyPrefix ?? '012', `RecordType:${objectName}.${name}`);
}

function baseField(name: string, label: string, type: DescribeFieldType): DescribeField {
  const custom = /__c$/.test(name);
  return {
    name,
    label,
    type,
    custom,
    calculated: false,
    nillable: type !== 'boolean' && type !== 'id',
    length: type === 'string' || type === 'email' || type === 'phone' || type === 'url' ? 255 : type === 'textarea' ? 32768 : type === 'id' || type === 'reference' ? 18 : 0,
    precision: 0,
    scale: 0,
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    inlineHelpText: null,
    createable: type !== 'id',
    updateable: type !== 'id',
    filterable: type !== 'textarea',
    sortable: type !== 'textarea' && type !== 'multipicklist',
  };
}

/** Lookup fields name their relationship `Account` for `AccountId`, `Foo__r` for `Foo__c`. */
function relationshipNameOf(fieldName: string): string | null {
  if (/__c$/.test(fieldName)) return fieldName.replace(/__c$/, '__r');
  if (/Id$/.test(fieldName) && fieldName !== 'Id') return fieldName.replace(/Id$/, '');
  return null;
}

function fromStandard(name: string, field: StandardField): DescribeField {
  return {
    ...baseField(name, field.label, field.type),
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.type === 'reference' ? relationshipNameOf(name) : null,
  };
}

function fromFieldFile(name: string, content: string, standard: StandardField | undefined): DescribeField {
  const sourceType = childText(content, 'type');
  const type = (sourceType === undefined ? undefined : SOURCE_TYPES[sourceType]) ?? standard?.type ?? guessStandardType(name);
  const field = baseField(name, childText(content, 'label') ?? standard?.label ?? name, type);
  const referenceTo = childTexts(content, 'referenceTo');
  const length = Number(childText(content, 'length') ?? NaN);
  const helpText = childText(content, 'inlineHelpText');
  return {
    ...field,
    calculated: childText(content, 'formula') !== undefined,
    nillable: field.nillable && childText(content, 'required') !== 'true',
    ...(Number.isFinite(length) ? { length } : {}),
    precision: Number(childText(content, 'precision') ?? 0),
    scale: Number(childText(content, 'scale') ?? 0),
    referenceTo: referenceTo.length > 0 ? referenceTo : standard?.referenceTo ?? [],
    relationshipName: type === 'reference' ? relationshipNameOf(name) : null,
    picklistValues: picklistValues(content),
    inlineHelpText: helpText ?? null,
  };
}

/** `<valueSet><valueSetDefinition><value>` entries of a custom picklist. */
function picklistValues(fieldContent: string): DescribeField['picklistValues'] {
  const values: DescribeField['picklistValues'] = [];
  for (const valueSet of childContents(fieldContent, 'valueSet')) {
    for (const definition of childContents(valueSet, 'valueSetDefinition')) {
      for (const value of childContents(definition, 'value')) {
        const apiName = childText(value, 'fullName') ?? '';
        values.push({
          active: childText(value, 'isActive') !== 'false',
          defaultValue: childText(value, 'default') === 'true',
          label: childText(value, 'label') ?? apiName,
          value: apiName,
          validFor: null,
        });
      }
    }
  }
  return values;
}

/** Standard fields absent from the table: go by Salesforce's naming conventions. */
function guessStandardType(name: string): DescribeFieldType {
  if (/Address$/.test(name)) return 'address';
  if (/Id$/.test(name)) return 'reference';
  if (/Date$/.test(name)) return 'date';
  if (/^(Is|Has)[A-Z]/.test(name)) return 'boolean';
  return 'string';
}

/** A field only data/ knows about. */
function fromValue(name: string, sample: FieldValue): DescribeField {
  const type: DescribeFieldType =
    typeof sample === 'number' ? 'double'
    : typeof sample === 'boolean' ? 'boolean'
    : typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sample) ? 'date'
    : typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(sample) ? 'datetime'
    : /(Id|__c)$/.test(name) && typeof sample === 'string' && /^[a-zA-Z0-9]{18}$/.test(sample) ? 'reference'
    : 'string';
  return { ...baseField(name, name, type), relationshipName: type === 'reference' ? relationshipNameOf(name) : null };
}

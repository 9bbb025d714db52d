import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Raw } from '../../model/raw.js';

// Values stay strings (a layout named "1" or a field value "007" must not become a
// number); attributes are irrelevant to the metadata we read.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // Numeric character references (`Today&#39;s Leads`, as Salesforce writes them) are XML too; decode them as the API does.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export interface ParsedMetadata {
  /** Root element name, e.g. `Layout`. */
  root: string;
  raw: Raw;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export function parseMetadataXml(text: string): ParsedMetadata {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlError(valid.err.msg, valid.err.line, valid.err.col);
  }
  const doc = parser.parse(text) as Raw;
  const roots = Object.keys(doc);
  const root = roots[0];
  if (!root || roots.length !== 1) throw new XmlError('expected exactly one root element');
  const body = doc[root];
  return { root, raw: body && typeof body === 'object' ? (body as Raw) : {} };
}

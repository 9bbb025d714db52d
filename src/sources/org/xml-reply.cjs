// @ts-check
/**
 * Parses a Metadata API reply into the value jsforce's own parse gives (xml2js with
 * `explicitArray: false`, jsforce's `parseXML` in lib/http-api.js), with saxes instead of
 * xml2js. xml2js tokenises with sax, and on a big org the parse is most of the reader's CPU:
 * the 1 MB listing of 1,800 layouts and pages takes 45–65 ms there, against 8–12 ms here.
 * saxes is sax's strict, conformant successor (jsdom parses XML with it), so a truncated or
 * garbled reply still fails as it did.
 *
 * Plain CommonJS so that a worker thread can `require` it without a TypeScript loader: the
 * reply parser's workers and its main-thread fallback load this one file.
 *
 * The shape, as xml2js builds it with its defaults (lib/parser.js): an element is an object
 * with its text under `_` and its attributes under `$`; an element with text only is that text;
 * whitespace-only text is dropped, and an element left with nothing is its (whitespace) text or
 * ''; a repeated child becomes an array; the root is wrapped as `{ [rootName]: value }`.
 * test/sources/org/xml-reply.test.ts compares this with xml2js on every real-world file.
 */
const { SaxesParser } = require('saxes');

/**
 * @typedef {{ name: string, value: Record<string, unknown>, text: string, cdata: boolean }} Open
 */

/**
 * A new own key. A plain assignment is a third faster than defining a property; `__proto__` would set the
 * prototype instead of a key.
 * @param {Record<string, unknown>} object @param {string} key @param {unknown} value
 */
function setKey(object, key, value) {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** @param {Record<string, unknown>} parent @param {string} key @param {unknown} value */
function assignOrPush(parent, key, value) {
  if (!Object.prototype.hasOwnProperty.call(parent, key)) {
    setKey(parent, key, value);
    return;
  }
  const known = parent[key];
  if (Array.isArray(known)) known.push(value);
  else parent[key] = [known, value];
}

/** @param {Open} open @returns {unknown} */
function close({ value, text, cdata }) {
  // Text only, or nothing: the text ('' for an empty element, or its whitespace).
  if (Object.keys(value).length === 0) return text;
  // Attributes or children: the whitespace between children is dropped.
  if (/^\s*$/.test(text) && !cdata) return value;
  // xml2js puts the text first among the keys: rebuilt so, as iterating the value may show.
  return { _: text, ...value };
}

/**
 * @param {string} text a whole reply body
 * @returns {unknown}
 */
function parseReply(text) {
  // xml2js's answer to a blank body.
  if (text.trim() === '') return null;
  // saxes turns a raw carriage return into a line feed, as XML asks; sax keeps it. Salesforce escapes
  // them, so a reply with one is rare: parsed by xml2js itself (synchronous with `async: false`).
  if (text.includes('\r')) return parseWithXml2js(text);
  const parser = new SaxesParser();
  /** @type {Open[]} */
  const stack = [];
  /** @type {unknown} */
  let result;
  let ended = false;
  parser.on('opentag', (tag) => {
    /** @type {Record<string, unknown>} */
    const value = {};
    const attributes = /** @type {Record<string, string>} */ (tag.attributes);
    for (const key in attributes) {
      value.$ ??= {};
      setKey(/** @type {Record<string, unknown>} */ (value.$), key, attributes[key]);
    }
    stack.push({ name: tag.name, value, text: '', cdata: false });
  });
  parser.on('text', (chunk) => {
    const top = stack[stack.length - 1];
    if (top) top.text += chunk;
  });
  parser.on('cdata', (chunk) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    top.text += chunk;
    top.cdata = true;
  });
  parser.on('closetag', () => {
    const open = /** @type {Open} */ (stack.pop());
    const value = close(open);
    const parent = stack[stack.length - 1];
    if (parent) {
      assignOrPush(parent.value, open.name, value);
    } else if (!ended) {
      // xml2js ends at the root's close tag: what follows is not looked at.
      ended = true;
      result = { [open.name]: value };
    }
  });
  /** @type {Error | undefined} */
  let failure;
  parser.on('error', (error) => {
    // xml2js has its value once the root closes, and ignores what follows.
    if (!ended) failure ??= error;
  });
  parser.write(text).close();
  if (failure) throw failure;
  if (!ended) throw new Error('Unclosed root tag');
  return result;
}

/** @param {string} text @returns {unknown} */
function parseWithXml2js(text) {
  /** @type {{ value?: unknown, error?: unknown }} */
  const outcome = {};
  // Loaded on the first such reply only: most runs never need it.
  const xml2js = require('xml2js');
  xml2js.parseString(text, { explicitArray: false, async: false }, (error, value) => {
    if (error) outcome.error = error;
    else outcome.value = value;
  });
  if (outcome.error) throw outcome.error;
  return outcome.value;
}

/**
 * Runs the parse on a made-up listing until the engine has compiled it. A worker starts while the
 * first calls are on the way and would idle until the first reply; compiled then, the parse no longer
 * costs its first big reply (often the listing every read waits for) some 20 ms more.
 */
function warmUp() {
  const result = '<result><createdById>005</createdById><fileName>layouts/A.layout</fileName><fullName>A &amp; B</fullName><type>Layout</type></result>';
  const sample = `<r xmlns:x="u"><x:e a="1">t</x:e><![CDATA[c]]>${result.repeat(200)}</r>`;
  for (let i = 0; i < 8; i++) parseReply(sample);
}

module.exports = { parseReply, warmUp };

// @ts-check
/**
 * Parses a Metadata API reply into the value jsforce's own parse gives (xml2js with
 * `explicitArray: false`, jsforce's `parseXML` in lib/http-api.js), with saxes instead of
 * xml2js. xml2js tokenises with sax, and on a big org the parse is most of the reader's CPU:
 * the 1 MB listing of 1,800 layouts and pages takes 45–65 ms there, against 8–12 ms here (and
 * 3–5 ms with the listing scan below).
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
 *
 * One exception, asked for: a listing read for some of its fields only gives them as columns in place
 * of its `result` elements (see parseListing).
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
 * What the last listing of the same types said, result by result: a listing that comes back mostly the same
 * (a re-audit with a cache) is then scanned only where it changed. `known` maps the text inside each
 * `<result>` element to the columns' values the scan gives for it (`listedRow`, for the same fields).
 * `run`, when there: those results in the order the last listing gave them, written back to back (see
 * `resultRun`), so that a listing that comes back in the same order is matched many results at a time.
 * `scanned`, set by the scan: how many results of the listing it was given the memo did not know.
 * @typedef {{ fields: readonly string[], known: Map<string, Record<string, unknown>>, run?: ResultRun, scanned?: number }} ListingMemo
 */

/**
 * Results of a listing, back to back as a reply writes them (`<result>…</result><result>…</result>`, no space
 * between): `ends[i]` is where the i-th ends in `text`, `rows[i]` what it says, `at` where each text stands
 * (worked out when first asked for: a listing that comes back in the same order, some results changed in place,
 * never asks).
 * @typedef {{ text: string, ends: number[], rows: Array<Record<string, unknown>>, readonly at: Map<string, number> }} ResultRun
 */

/**
 * The run of `texts` (each the inside of one `<result>`) whose rows `rowOf` gives (called once per text, in
 * order); texts it gives none for are left out, as is a text met twice after the first.
 * @param {readonly string[]} texts
 * @param {(text: string, index: number) => Record<string, unknown> | undefined} rowOf
 * @returns {ResultRun}
 */
function resultRun(texts, rowOf) {
  /** @type {string[]} */
  const parts = [];
  /** @type {number[]} */
  const ends = [];
  /** @type {Array<Record<string, unknown>>} */
  const rows = [];
  /** @type {Map<string, number>} */
  const at = new Map();
  let end = 0;
  texts.forEach((text, i) => {
    const row = rowOf(text, i);
    if (!row || at.has(text)) return;
    at.set(text, rows.length);
    parts.push(text);
    end += RESULT_OPEN.length + text.length + RESULT_CLOSE.length;
    ends.push(end);
    rows.push(row);
  });
  return { text: backToBack(parts), ends, rows, at };
}

/**
 * A run as `resultRun` made it and a memo file kept it, or `undefined` when `ends` does not cut `text` into
 * `rows.length` results back to back. Its `at` is worked out when first asked for.
 * @param {string} text @param {readonly number[]} ends @param {Array<Record<string, unknown>>} rows
 * @returns {ResultRun | undefined}
 */
function keptRun(text, ends, rows) {
  if (ends.length !== rows.length || (ends.length ? ends[ends.length - 1] : 0) !== text.length) return undefined;
  let start = 0;
  for (const end of ends) {
    if (!Number.isInteger(end) || end < start + RESULT_OPEN.length + RESULT_CLOSE.length) return undefined;
    if (!text.startsWith(RESULT_OPEN, start) || !text.startsWith(RESULT_CLOSE, end - RESULT_CLOSE.length)) return undefined;
    start = end;
  }
  /** @type {Map<string, number> | undefined} */
  let at;
  return {
    text,
    ends: /** @type {number[]} */ (ends),
    rows,
    get at() {
      if (!at) {
        at = new Map();
        for (let i = 0; i < ends.length; i++) {
          const inner = resultText(this, i);
          if (!at.has(inner)) at.set(inner, i);
        }
      }
      return at;
    },
  };
}

/** The text inside the `i`-th result of `run`. @param {ResultRun} run @param {number} i */
function resultText(run, i) {
  return run.text.slice(runOffset(run, i) + RESULT_OPEN.length, /** @type {number} */ (run.ends[i]) - RESULT_CLOSE.length);
}

/** `texts` as a listing writes its results: each inside its own `<result>`, with nothing between them. @param {readonly string[]} texts */
function backToBack(texts) {
  return texts.length ? `${RESULT_OPEN}${texts.join(`${RESULT_CLOSE}${RESULT_OPEN}`)}${RESULT_CLOSE}` : '';
}

/** Where the `i`-th result of `run` starts in its text. @param {ResultRun} run @param {number} i */
function runOffset(run, i) {
  return i === 0 ? 0 : /** @type {number} */ (run.ends[i - 1]);
}

/** The most results matched at once against a run: halved on a mismatch until one result is compared. */
const RUN_BLOCK = 64;

/**
 * How many results, from the `from`-th of `run`, stand unchanged at `at` in `body` (0: not even the first),
 * compared a block at a time: where nothing changed, one comparison covers 64 results. The first is
 * compared on its own first, so that a listing in another order costs one comparison per result.
 * @param {string} body @param {number} at @param {ResultRun} run @param {number} from
 */
function matchRun(body, at, run, from) {
  const start = runOffset(run, from);
  // Two slices compared with ===: V8 compares their characters as memory. (`startsWith` was as fast until
  // the scan got optimised, then several times slower.)
  const same = (/** @type {number} */ n) => {
    const length = /** @type {number} */ (run.ends[from + n - 1]) - start;
    return body.slice(at, at + length) === run.text.slice(start, start + length);
  };
  if (!same(1)) return 0;
  for (let n = Math.min(RUN_BLOCK, run.rows.length - from); n > 1; n >>= 1) if (same(n)) return n;
  return 1;
}

/**
 * @param {string} text a whole reply body
 * @param {readonly string[]} [fields] for a listing, the only FileProperties fields wanted (see parseListing)
 * @param {ListingMemo} [memo] for a listing read for `fields`, what the last one said
 * @returns {unknown}
 */
function parseReply(text, fields, memo) {
  // xml2js's answer to a blank body.
  if (text.trim() === '') return null;
  // saxes turns a raw carriage return into a line feed, as XML asks; sax keeps it. Salesforce escapes
  // them, so a reply with one is rare: parsed by xml2js itself (synchronous with `async: false`).
  if (text.includes('\r')) return parseWithXml2js(text);
  return parseListing(text, fields, memo) ?? parseEvents(text);
}

/**
 * Where a listing scanned for some fields only puts them, in place of `result`: one array per field,
 * a value per result, in order. `#` starts no XML name, so no element of a reply can take this key.
 */
const LISTED_FIELDS = '#fields';

/**
 * A listMetadata reply is the biggest a run waits for (2.5 MB for 4,800 components, and every read
 * of a listed type waits for it) and has one plain shape: `<result>` elements of text-only children
 * (FileProperties). Those are scanned here, three to four times faster than saxes builds them; the
 * envelope around them still goes through saxes. `undefined` (parse it all with saxes) as soon as
 * the scan meets anything it does not account for exactly: an attribute, a nested element, CDATA,
 * a comment, a character reference or another entity, a character XML forbids.
 *
 * With `fields`, only those children of each result are kept, as columns under `LISTED_FIELDS` instead
 * of `result`: the others are still checked, but neither kept nor sent back from the worker, which for
 * thousands of results halves the time the listing takes to reach the reader. A field a result repeats
 * is an array there, as it would be in `result`.
 * With a `memo` (and `fields`), a result whose text the memo knows takes the values it has for that text:
 * the same text scans to the same values, so only what changed since is scanned (see ListingMemo).
 * @param {string} text
 * @param {readonly string[]} [fields]
 * @param {ListingMemo} [memo]
 * @returns {unknown}
 */
function parseListing(text, fields, memo) {
  const open = text.indexOf(LIST_OPEN);
  if (open < 0) return undefined;
  const start = open + LIST_OPEN.length;
  const end = text.indexOf(LIST_CLOSE, start);
  // One such element, written plainly: anything else is for the full parse.
  if (end < 0 || text.indexOf('<listMetadataResponse', start) >= 0 || text.lastIndexOf('<listMetadataResponse', open - 1) >= 0) return undefined;
  if (text.indexOf(LIST_CLOSE, end + 1) >= 0) return undefined;
  const keep = fields && new Set(fields);
  const results = scanResults(text.slice(start, end), keep, fields && memo);
  if (!results) return undefined;
  // The rest, with the results taken out, is a small document of its own: saxes checks it, and the
  // results go where the emptied element was. If no such element closed there (the tags were in a
  // comment or CDATA), the scan was of text, not elements: the full parse says what it is.
  const listed = fields
    ? { [LISTED_FIELDS]: Object.fromEntries(fields.map((field) => [field, results.map((r) => r[field])])) }
    : { result: results.length === 1 ? results[0] : results };
  const put = { name: 'listMetadataResponse', value: listed, used: false };
  const value = parseEvents(text.slice(0, start) + text.slice(end), put);
  return put.used ? value : undefined;
}

const LIST_OPEN = '<listMetadataResponse>';
const LIST_CLOSE = '</listMetadataResponse>';
const RESULT_OPEN = '<result>';
const RESULT_CLOSE = '</result>';
/**
 * A text-only child: a plain name, then text with no markup and only the five named entities (an
 * empty element is '' and whitespace is kept, as xml2js gives them), or a self-closed element ('').
 */
const LEAF = /<([A-Za-z_][\w.-]*)[ \t\n]*(?:\/>|>([^<&]*(?:&(?:amp|lt|gt|quot|apos);[^<&]*)*)<\/\1[ \t\n]*>)/y;
const SPACE = /[ \t\n]*/y;
/** One whole `<result>` of such children, spaces between them allowed (what the scan below checks child by child). */
const RESULT_WHOLE = /<result>(?:[ \t\n]*<([A-Za-z_][\w.-]*)[ \t\n]*(?:\/>|>[^<&]*(?:&(?:amp|lt|gt|quot|apos);[^<&]*)*<\/\1[ \t\n]*>))+[ \t\n]*<\/result>/y;
/** Characters XML 1.0 does not allow (saxes rejects them), and `]]>` outside CDATA. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\]\]>/;
/** @type {Record<string, string>} */
const ENTITY = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The `<result>` elements of a listing body, each as xml2js gives it, or `undefined` when the body is
 * anything else (whitespace between elements is dropped, as xml2js drops it beside children).
 * `keep`: the only children kept (every child is still checked). `memo`: see parseListing.
 * @param {string} body
 * @param {Set<string>} [keep]
 * @param {ListingMemo} [memo]
 * @returns {Array<Record<string, unknown>> | undefined}
 */
function scanResults(body, keep, memo) {
  const run = memo?.run;
  // With a run, only what it does not match is checked here (below): what it matches is texts checked before.
  if (!run && NOT_XML.test(body)) return undefined;
  /** @type {Array<Record<string, unknown>>} */
  const results = [];
  // The result of the run expected next: after one that changed, the one after it in the last listing.
  let next = 0;
  // Results since the run last matched. The first is taken to have changed in place (most do: a new date) and
  // is scanned; only past it is the memo asked where the listing went on, so that a listing with a few results
  // changed in place never asks it (a memo file's `known` is then never worked out).
  let missed = 0;
  // Results the memo did not know, scanned here (see ListingMemo.scanned).
  let scanned = 0;
  let at = skipSpace(body, 0);
  while (at < body.length) {
    if (!body.startsWith(RESULT_OPEN, at)) return undefined;
    if (run && next < run.rows.length) {
      const same = matchRun(body, at, run, next);
      if (same > 0) {
        for (let i = next; i < next + same; i++) results.push(/** @type {Record<string, unknown>} */ (run.rows[i]));
        at = skipSpace(body, at + runOffset(run, next + same) - runOffset(run, next));
        next += same;
        missed = 0;
        continue;
      }
    }
    // A result is text-only children, so its element ends at the first close tag.
    const close = body.indexOf(RESULT_CLOSE, at + RESULT_OPEN.length);
    if (run && (close < 0 || NOT_XML.test(body.slice(at, close)))) return undefined;
    if (memo && close >= 0 && (!run || missed++ > 0)) {
      // A text the memo knows was scanned whole (as one result) before.
      const text = body.slice(at + RESULT_OPEN.length, close);
      const known = memo.known.get(text);
      if (known) {
        results.push(known);
        // Listed elsewhere than last time (or after others that left): the run is followed on from there.
        const was = run?.at.get(text);
        if (was !== undefined) next = was + 1;
        at = skipSpace(body, close + RESULT_CLOSE.length);
        continue;
      }
    }
    // New or changed: most likely in place of the one the run expected.
    next++;
    scanned++;
    if (keep) {
      // Checked whole at once; then only the fields kept are picked out.
      RESULT_WHOLE.lastIndex = at;
      const picked = RESULT_WHOLE.exec(body) ? pickFields(body, at, RESULT_WHOLE.lastIndex, keep) : undefined;
      if (picked) {
        results.push(picked);
        at = skipSpace(body, RESULT_WHOLE.lastIndex);
        continue;
      }
    }
    at = skipSpace(body, at + RESULT_OPEN.length);
    /** @type {Record<string, unknown>} */
    const result = {};
    let children = 0;
    while (!body.startsWith(RESULT_CLOSE, at)) {
      LEAF.lastIndex = at;
      const leaf = LEAF.exec(body);
      if (!leaf) return undefined;
      const name = /** @type {string} */ (leaf[1]);
      if (!keep || keep.has(name)) {
        const raw = leaf[2] ?? '';
        assignOrPush(result, name, decodeText(raw));
      }
      children++;
      at = skipSpace(body, LEAF.lastIndex);
    }
    if (children === 0) return undefined;
    results.push(result);
    at = skipSpace(body, at + RESULT_CLOSE.length);
  }
  if (memo) memo.scanned = scanned;
  return results.length ? results : undefined;
}

/** Per set of fields kept: the children of those names, found by one search each (see pickFields). */
const keptChildren = new WeakMap();

/**
 * The `keep` fields of the one result between `from` and `to` in `body`, which RESULT_WHOLE matched: what the
 * child-by-child scan gives for them, faster on a listing of thousands. `undefined` when a field is there more
 * than once (an array: left to that scan).
 * @param {string} body @param {number} from @param {number} to @param {Set<string>} keep
 * @returns {Record<string, unknown> | undefined}
 */
function pickFields(body, from, to, keep) {
  /** @type {RegExp | undefined} */
  let child = keptChildren.get(keep);
  if (!child) {
    // As matched: no attributes, so the text of an element that is not self-closed runs to its close tag, the next '<'.
    const names = [...keep].map((name) => name.replace(/[.]/g, '\\.')).join('|');
    child = new RegExp(`<(${names})[ \\t\\n]*(?:/>|>([^<]*)<)`, 'g');
    keptChildren.set(keep, child);
  }
  /** @type {Record<string, unknown>} */
  const result = {};
  child.lastIndex = from;
  for (let found = child.exec(body); found && found.index < to; found = child.exec(body)) {
    const name = /** @type {string} */ (found[1]);
    if (Object.prototype.hasOwnProperty.call(result, name)) return undefined;
    const raw = found[2] ?? '';
    setKey(result, name, decodeText(raw));
  }
  return result;
}

/** A leaf's text as XML means it: only the five named entities can be in it (see LEAF). @param {string} raw */
function decodeText(raw) {
  return raw.includes('&') ? raw.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity) => /** @type {string} */ (ENTITY[entity])) : raw;
}

/** @param {number} code */
function isSpace(code) {
  return code === 32 || code === 9 || code === 10;
}

/** @param {string} text @param {number} at */
function skipSpace(text, at) {
  if (!isSpace(text.charCodeAt(at))) return at;
  SPACE.lastIndex = at;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

/**
 * The whole parse, from saxes events. `put`: the first element of that name takes that value in place
 * of its own, and `used` says it did (see parseListing).
 * @param {string} text
 * @param {{ name: string, value: unknown, used: boolean }} [put]
 * @returns {unknown}
 */
function parseEvents(text, put) {
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
    let value;
    if (put && !put.used && open.name === put.name) {
      value = put.value;
      put.used = true;
    } else {
      value = close(open);
    }
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
 * Runs the parse on a made-up listing and a made-up read until the engine has compiled it. A worker
 * starts while the first calls are on the way and would idle until the first reply; compiled then,
 * the parse no longer costs its first big replies some 20 ms more: the listing every read waits for,
 * and the records. A reply of ten custom objects (177 KB) takes 7 ms to parse after a warm-up on a few
 * plain records, 3 ms after this one (about 40 ms, in the worker), 2 ms once warm.
 */
function warmUp() {
  const result = '<result><createdById>005</createdById><fileName>layouts/A.layout</fileName><fullName>A &amp; B</fullName><type>Layout</type></result>';
  const listing = `<s:Body xmlns:s="u"><listMetadataResponse>${result.repeat(200)}</listMetadataResponse></s:Body>`;
  // A record as Salesforce sends one: indented, nested a few levels, tens of element names, an entity,
  // CDATA. The parse meets many shapes of object in a real reply; warmed on a few, it is recompiled there.
  const element = (/** @type {string} */ name, /** @type {string} */ body) => `\n        <${name}>${body}</${name}>`;
  const leaves = (/** @type {string[]} */ names, /** @type {number} */ i) => names.map((name, n) => element(name, `${name} ${i} &amp; ${n}`)).join('');
  const field = (/** @type {number} */ i) =>
    element('fields', leaves(['fullName', 'label', 'type', 'length', 'required', 'externalId', 'trackHistory', 'description', 'inlineHelpText', 'unique'].slice(0, 4 + (i % 7)), i) +
      (i % 5 === 0 ? element('valueSet', element('valueSetDefinition', element('value', leaves(['fullName', 'default', 'label'], i)).repeat(3) + element('sorted', 'false'))) : ''));
  const listView = (/** @type {number} */ i) =>
    element('listViews', leaves(['fullName', 'columns', 'columns', 'columns', 'filterScope', 'label'], i) + element('filters', leaves(['field', 'operation', 'value'], i)));
  const override = (/** @type {number} */ i) => element('actionOverrides', leaves(['actionName', 'type', 'content', 'formFactor'].slice(0, 2 + (i % 3)), i));
  const parts = (/** @type {(i: number) => string} */ make, /** @type {number} */ count) => Array.from({ length: count }, (_, i) => make(i)).join('');
  const record = `<records xsi:type="CustomObject">${element('fullName', 'O')}${parts(override, 10)}${element('description', '<![CDATA[a <b>]]>')}${parts(field, 20)}${parts(listView, 10)}${leaves(['label', 'pluralLabel', 'sharingModel', 'visibility'], 0)}\n</records>`;
  const read = `<s:Envelope xmlns:s="u" xmlns:xsi="x"><s:Body><readMetadataResponse><result>${record.repeat(3)}</result></readMetadataResponse></s:Body></s:Envelope>`;
  for (let i = 0; i < 8; i++) {
    parseReply(read);
    parseReply(listing);
    parseReply(listing, ['fullName', 'type']);
  }
}

/**
 * The values the listing scan gives for one result, from the text inside its `<result>` element, or
 * `undefined` when that text is not one plain result (see scanResults). What a ListingMemo knows.
 * @param {string} inner
 * @param {readonly string[]} fields
 * @returns {Record<string, unknown> | undefined}
 */
function listedRow(inner, fields) {
  const results = scanResults(`${RESULT_OPEN}${inner}${RESULT_CLOSE}`, new Set(fields));
  return results?.length === 1 ? results[0] : undefined;
}

/**
 * What `listedRow` gives for each of `texts`, in order, from one scan of them back to back: one at a time, the
 * scan's setting up costs several times what scanning a result does (a memo of 4,800 results: 30 ms against 6).
 * Back to back, each text is scanned as it is on its own, provided none holds a `<result>` or `</result>` of its
 * own: then each result the scan finds is one text, between the tags put around it. Otherwise, or when any one
 * text is not one plain result (the scan then fails as a whole), each is given to listedRow on its own.
 * @param {readonly string[]} texts
 * @param {readonly string[]} fields
 * @returns {Array<Record<string, unknown> | undefined>}
 */
function listedRows(texts, fields) {
  if (!texts.some((text) => text.includes('result>'))) {
    const results = scanResults(backToBack(texts), new Set(fields));
    if (results && results.length === texts.length) return results;
  }
  return texts.map((text) => listedRow(text, fields));
}

/**
 * The text inside each `<result>` element of a listing reply, in order: what a ListingMemo keeps of it.
 * (Any text: only those `listedRow` takes will count.)
 * @param {string} reply
 * @returns {string[]}
 */
function resultTexts(reply) {
  /** @type {string[]} */
  const texts = [];
  let at = reply.indexOf(RESULT_OPEN);
  while (at >= 0) {
    const close = reply.indexOf(RESULT_CLOSE, at + RESULT_OPEN.length);
    if (close < 0) break;
    texts.push(reply.slice(at + RESULT_OPEN.length, close));
    at = reply.indexOf(RESULT_OPEN, close + RESULT_CLOSE.length);
  }
  return texts;
}

module.exports = { parseReply, warmUp, parseListing, parseEvents, listedRow, listedRows, resultTexts, resultRun, keptRun, resultText, LISTED_FIELDS };

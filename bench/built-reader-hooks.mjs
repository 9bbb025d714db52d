/** Resolve hook for built-reader.mjs: a module resolved into src/ is taken from dist/ instead. */
const SRC = new URL('../src/', import.meta.url).href;
const DIST = new URL('../dist/', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (!resolved.url.startsWith(SRC)) return resolved;
  const url = DIST + resolved.url.slice(SRC.length).replace(/\.ts$/, '.js');
  return { ...resolved, url, format: url.endsWith('.cjs') ? 'commonjs' : 'module' };
}

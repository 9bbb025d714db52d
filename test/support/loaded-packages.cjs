// Preloaded (node --require) into a CLI run by test/cli/startup.test.ts: on exit, writes the packages of
// node_modules that the run loaded, one per line, to LOADED_PACKAGES_FILE. A package imported from ES
// modules still loads through the CommonJS cache when it is CommonJS, as jsforce is.
const { writeFileSync } = require('node:fs');
const Module = require('node:module');

process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(Module._cache)) {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) packages.add(match[1].replace(/\\/g, '/'));
  }
  writeFileSync(process.env.LOADED_PACKAGES_FILE, [...packages].sort().join('\n'));
});

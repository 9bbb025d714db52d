#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));

// Every command awaits what it needs before it returns. What may still be on the way is work started
// ahead and no longer wanted (the org connected to while rules loaded that then did not load): it must
// not hold the exit until its network timeout. Once the output is written out, the process ends.
setInterval(() => {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}, 250).unref();

/**
 * `sfaudit schedule` in a child process, with each run slowed down so a test
 * can signal it mid-run. Prints {"event":"test-run-started"} when a run starts.
 * Usage: node --import tsx slow-schedule.ts <delay ms> <schedule args...>
 */
import { scheduleCommand } from '../../../src/cli/schedule.js';
import { processIO } from '../../../src/cli/io.js';
import { auditRunner } from '../../../src/schedule/run-audit.js';

const [delay, ...args] = process.argv.slice(2);
const real = auditRunner({ env: process.env });
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

process.exitCode = await scheduleCommand(
  { config: opt('--config'), runNow: args.includes('--run-now'), grace: opt('--grace') ? Number(opt('--grace')) : undefined },
  processIO(),
  {
    deps: {
      run: async (audit, signal) => {
        process.stdout.write(`${JSON.stringify({ event: 'test-run-started' })}\n`);
        await new Promise((r) => setTimeout(r, Number(delay)));
        return real(audit, signal);
      },
    },
  },
);

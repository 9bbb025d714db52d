/** Entry of a bench child process: runs the job given as JSON in argv[2], prints the result as the last stdout line. */
import { RESULT_PREFIX, runJob, type Job } from './jobs.js';

const job = JSON.parse(process.argv[2] ?? '{"kind":"idle"}') as Job;
try {
  const result = await runJob(job);
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
} catch (error) {
  process.stderr.write(`bench ${job.kind} job failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}

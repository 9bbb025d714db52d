import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start local servers (Salesforce and Slack emulators); two cores, so keep forks modest.
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: a single fork on a two-core machine. Most test
    // time is spent waiting on sockets, emulated latency and CLI child processes, so a fork more than
    // the cores keeps both busy: the suite took 233 s with one fork and 154 s with three on two cores.
    maxWorkers: Math.max(3, os.availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['test/global-setup.ts'],
    env: { NO_COLOR: '1', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' },
  },
});

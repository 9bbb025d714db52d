import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a paced loop works between turns of the event loop. */
const SLICE_MS = 0.5;

/**
 * Paces a long loop on the main thread: `await pace()` at each step gives the event loop a turn once
 * `ms` of work has gone by since the last, so that replies are taken, and the calls they allow go out,
 * while the loop runs (jsforce sends a request over several turns).
 */
export function pacer(ms = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since <= ms) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}

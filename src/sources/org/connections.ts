import type { Connection } from 'jsforce';

/** The org's public list of API versions: answered without a session, and not an API call Salesforce counts. */
const VERSIONS_PATH = '/services/data/';

/** A connection that has not answered by then is left to the call that would have used it. */
const OPEN_TIMEOUT_MS = 10_000;

/**
 * Opens `count` more keep-alive connections to the org while the first call (the reading of its API usage,
 * which every other call waits for) is on its way, so that the calls that follow find them open: each asks
 * for the public list of API versions, with no session. Otherwise the first calls of each round open their
 * own: over the internet a TCP and TLS handshake each, and even on one machine, a connect that waits for the
 * main thread to take it while it works through replies (10-15 ms a round in traced bench runs). A connection
 * that fails to open only costs the call that would have used it the opening it would have had anyway.
 *
 * One a turn of the event loop: making a request takes the thread for about 0.3 ms, and nine at once held
 * back the first call's own connection (its connect event waits for the thread) by about 3 ms.
 */
export function openConnections(conn: Connection, count: number): void {
  const url = `${conn.instanceUrl.replace(/\/+$/, '')}${VERSIONS_PATH}`;
  let left = count;
  const next = () => {
    if (left-- <= 0) return;
    // jsforce's own transport, so the same agent (and proxy) keeps the connection for the calls to come.
    conn._transport.httpRequest({ method: 'GET', url, headers: {} }, { timeout: OPEN_TIMEOUT_MS }).then(
      () => undefined,
      () => undefined,
    );
    setImmediate(next).unref();
  };
  next();
}

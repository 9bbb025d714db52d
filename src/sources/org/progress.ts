export interface LiveProgress {
  planned: number;
  fetched: number;
  calls: number;
  retries: number;
}

export interface ProgressLine {
  update(progress: LiveProgress): void;
  /** Clears the line, so what follows starts on a clean one. */
  done(): void;
}

export const silentProgress: ProgressLine = { update() {}, done() {} };

export function formatProgress(p: LiveProgress): string {
  const retries = p.retries ? ` · ${p.retries} ${p.retries === 1 ? 'retry' : 'retries'}` : '';
  return `sfaudit: reading the org · ${p.fetched}/${p.planned} components · ${p.calls} API ${p.calls === 1 ? 'call' : 'calls'}${retries}`;
}

/**
 * A live status line on a terminal's stderr, redrawn in place at most every
 * `intervalMs`. Callers pass `silentProgress` when stderr is not a terminal or
 * stdout carries JSON, so logs and pipes never see it.
 */
export function progressLine(write: (text: string) => void, intervalMs = 100, now: () => number = Date.now): ProgressLine {
  let last = -Infinity;
  let shown = false;
  return {
    update(p) {
      if (now() - last < intervalMs) return;
      write(`\r\x1b[2K${formatProgress(p)}`);
      shown = true;
      last = now();
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}

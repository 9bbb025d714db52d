/** The stop signals a long-running command honours. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

/**
 * Stop signals as a queue of promises: the first asks for a clean stop, a
 * second one (an impatient Ctrl-C) for an immediate one. Replaces Node's
 * default of dying on the spot, which could cut a run short mid-way.
 */
export function stopSignals(source: SignalSource = process): { next(): Promise<StopSignal>; dispose(): void } {
  const queued: StopSignal[] = [];
  const waiting: Array<(s: StopSignal) => void> = [];
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      const waiter = waiting.shift();
      if (waiter) waiter(signal);
      else queued.push(signal);
    };
    source.on(signal, listener);
    return [signal, listener] as const;
  });
  return {
    next: () => {
      const signal = queued.shift();
      return signal ? Promise.resolve(signal) : new Promise((resolve) => waiting.push(resolve));
    },
    dispose: () => {
      for (const [signal, listener] of listeners) source.off(signal, listener);
    },
  };
}

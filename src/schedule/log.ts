import type { Log, LogRecord } from './types.js';

/** JSON lines on stdout: one object per line, `time` first, for log shippers and `jq`. */
export function jsonLog(write: (text: string) => void, clock: () => Date = () => new Date()): Log {
  return (record: LogRecord) => {
    const { event, level = 'info', ...rest } = record;
    write(`${JSON.stringify({ time: clock().toISOString(), level, event, ...rest })}\n`);
  };
}

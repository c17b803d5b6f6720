/** Minimal structured logger: one JSON line per entry on stderr; `LOG_LEVEL=silent` mutes it. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(bindings: Record<string, unknown> = {}, level: LogLevel = 'info'): Logger {
  const threshold = order[level] ?? order.info;
  const write =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (order[lvl] < threshold) return;
      const entry: Record<string, unknown> = { level: lvl, time: new Date().toISOString(), ...bindings, msg };
      for (const [k, v] of Object.entries(fields)) entry[k] = serialize(v);
      process.stderr.write(`${JSON.stringify(entry)}\n`);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => createLogger({ ...bindings, ...more }, level),
  };
}

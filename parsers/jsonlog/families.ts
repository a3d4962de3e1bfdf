/**
 * Which logger wrote a JSON line, from its keys. pino's own shape (numeric level with a numeric
 * `time`, `level` then `time` first, `v: 1`) is pino's parser's; the Java layouts (`thread`,
 * `logger_name`, `stack_trace`…) are the Java parser's; Bunyan is pino-compatible (pino's parser
 * takes it when both are asked). Everything else with a level, a message or a time is ours.
 */
export type Family =
  | 'docker' | 'journald' | 'zap' | 'logrus' | 'slog' | 'bunyan' | 'winston' | 'ecs' | 'structlog' | 'postgres' | 'generic'
  | 'pino' | 'java' | 'not-log';

export type Obj = Record<string, unknown>;

/** Keys only Java JSON layouts (logback/log4j2/logstash-logback-encoder) write. */
const JAVA_KEYS = ['thread', 'thread_name', 'threadName', 'logger_name', 'loggerName', 'stack_trace', 'process.thread.name', 'level_value', 'loggerFqcn', 'thrown'];
const JAVA_CLASS = /^(?:[a-z_][\w$]*\.){2,}[A-Z][\w$]*$/;

const LEVEL_KEYS = ['level', 'lvl', 'severity', 'log.level', 'levelname', 'loglevel', 'error_severity', 'PRIORITY'];
const MSG_KEYS = ['msg', 'message', 'MESSAGE', 'event', 'short_message', '@message'];
const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', 'date', 'datetime', 't', '__REALTIME_TIMESTAMP'];

export function has(o: Obj, keys: readonly string[]): boolean {
  for (const k of keys) if (o[k] !== undefined) return true;
  return false;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function classify(o: Obj): Family {
  if (typeof o.log === 'string' && (typeof o.stream === 'string' || typeof o.time === 'string') && o.level === undefined) return 'docker';
  if (o.__REALTIME_TIMESTAMP !== undefined || (o.MESSAGE !== undefined && o.PRIORITY !== undefined)) return 'journald';
  if (has(o, JAVA_KEYS) || (typeof o.logger === 'string' && JAVA_CLASS.test(o.logger)) || (typeof o.source === 'string' && JAVA_CLASS.test(o.source))) return 'java';
  const keys = Object.keys(o);
  const lv = o.level;
  const numericLevel = typeof lv === 'number';
  if (o.v === 1 || (numericLevel && typeof o.time === 'number') || (keys[0] === 'level' && keys[1] === 'time')) return 'pino';
  if (o.v === 0 && numericLevel) return 'bunyan';
  if (numericLevel && (o.pid !== undefined || o.hostname !== undefined)) return 'pino';
  if (typeof o.error_severity === 'string' && typeof o.message === 'string') return 'postgres';
  if (typeof o.ts === 'number' && typeof o.msg === 'string' && lv !== undefined) return 'zap';
  if (o['@timestamp'] !== undefined && (o.message !== undefined || o['log.level'] !== undefined || isObj(o.log))) return 'ecs';
  if (keys[0] === 'time' && typeof lv === 'string' && typeof o.msg === 'string') return 'slog';
  if (typeof lv === 'string' && typeof o.msg === 'string' && typeof o.time === 'string') return 'logrus';
  if (typeof lv === 'string' && typeof o.message === 'string' && o.msg === undefined) return 'winston';
  if (typeof o.event === 'string' && lv !== undefined && o.msg === undefined && o.message === undefined) return 'structlog';
  const hasLevel = has(o, LEVEL_KEYS);
  const hasMsg = has(o, MSG_KEYS);
  const hasTime = has(o, TIME_KEYS);
  if ((hasLevel && hasMsg) || (hasTime && hasMsg) || (hasLevel && hasTime)) return 'generic';
  return 'not-log';
}

/** Families pino's sniffer also counts as its own (`level` + `msg`): we only win with a distinct mark. */
export function pinoLike(o: Obj): boolean {
  return o.level !== undefined && (typeof o.msg === 'string' || typeof o.msg === 'number');
}

/**
 * HTTP request lines that structured loggers write as key/values (Go middleware with logrus, zap or
 * slog; ECS `http.*`): `method=GET path=/orders status=200 duration_ms=12`. With a method and a
 * status they become `http.request` records with pino-http's field names.
 */
import type { GenericLogFields } from './fields';

const METHOD = ['method', 'http_method', 'http.request.method', 'req_method', 'request_method'];
const URL = ['url', 'path', 'uri', 'request_uri', 'url.path', 'url.original', 'route'];
const STATUS = ['status', 'status_code', 'statusCode', 'http_status', 'http.response.status_code', 'resp_status'];
const MS = ['duration_ms', 'latency_ms', 'elapsed_ms', 'took_ms', 'responseTime', 'response_time', 'response_time_ms', 'request_time_ms'];
/** Go `time.Duration` as text (`12.3ms`), or a number whose unit the key does not say. */
const DURATION = ['duration', 'latency', 'elapsed', 'took', 'event.duration', 'request_time'];
const REMOTE = ['remote_addr', 'remote', 'remoteAddress', 'remote_ip', 'client_ip', 'ip', 'client.ip', 'source.ip', 'peer'];

const GO_DURATION_PART = /^(\d{1,12}(?:\.\d{1,9})?)(ns|us|µs|ms|s|m|h)/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

type Get = (key: string) => unknown;

function first(get: Get, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = get(k);
    // Objects are parents of the dotted key we want (ECS `url: {path}`), not values.
    if (v !== undefined && v !== null && v !== '' && typeof v !== 'object') return v;
  }
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d{1,15}(?:\.\d{1,9})?$/.test(v)) return Number(v);
  return undefined;
}

/** Milliseconds from a duration value: `12.3ms`/`1.2s` (Go), integer nanoseconds (logrus/slog/ECS), float seconds (zap). */
function durationMs(v: unknown, key: string): number | undefined {
  if (typeof v === 'string') {
    let total = 0;
    let rest = v.trim();
    if (num(rest) !== undefined) return durationMs(num(rest), key);
    // Go prints compound durations: `1m2.5s`.
    let parts = 0;
    while (rest && parts++ < 6) {
      const m = GO_DURATION_PART.exec(rest);
      if (!m) return undefined;
      total += Number(m[1]) * UNIT_MS[m[2]!]!;
      rest = rest.slice(m[0].length);
    }
    return rest === '' ? total : undefined;
  }
  const n = num(v);
  if (n === undefined) return undefined;
  if (key === 'event.duration') return n / 1e6; // ECS: nanoseconds
  if (key === 'request_time') return n * 1000; // nginx-style seconds
  if (Number.isInteger(n) && n >= 100_000) return n / 1e6; // time.Duration marshalled as nanoseconds
  if (!Number.isInteger(n)) return n * 1000; // zap's default duration encoder: float seconds
  return n; // a small integer: most likely milliseconds
}

/** Fills the HTTP fields and returns true when the values describe a served request. */
export function httpFromKeys(get: Get, fields: GenericLogFields): boolean {
  const method = first(get, METHOD);
  const status = num(first(get, STATUS));
  if (typeof method !== 'string' || !/^[A-Za-z]{3,12}$/.test(method) || status === undefined || status < 100 || status > 999) return false;
  fields.method = method.toUpperCase();
  fields.statusCode = status;
  const url = first(get, URL);
  if (typeof url === 'string') fields.url = url.slice(0, 2000);
  let ms: number | undefined;
  for (const k of MS) {
    const v = get(k);
    if (v === undefined) continue;
    // These keys say milliseconds; a Go duration text still carries its own unit.
    ms = typeof v === 'string' && /[a-zµ]$/.test(v) ? durationMs(v, k) : num(v);
    if (ms !== undefined) break;
  }
  if (ms === undefined) {
    for (const k of DURATION) {
      const v = get(k);
      if (v !== undefined) {
        ms = durationMs(v, k);
        if (ms !== undefined) break;
      }
    }
  }
  if (ms !== undefined) fields.responseTimeMs = Math.round(ms * 1000) / 1000;
  const remote = first(get, REMOTE);
  if (typeof remote === 'string') fields.remoteAddress = remote.slice(0, 200);
  return true;
}

// web-bff: the caller of Rootline's node-event-loop-blocked-redos sample (see ../README.md). An open-loop
// traffic source standing in for the web front end's backend-for-frontend: Poisson arrivals at RATE calls a
// second for SECONDS seconds, each call with Node's fetch and AbortSignal.timeout(CALL_TIMEOUT_MS), 60 %
// account reads, 30 % preference reads, 10 % sign-ups with valid e-mail addresses. It logs with winston's
// JSON format (ISO time): one `warn` line per call that timed out, failed or got a 5xx, and a summary of
// the last 10 s. Environment: BASE_URL, RATE, SECONDS, CALL_TIMEOUT_MS, LOG_FILE.
import winston from 'winston';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:18231';
const RATE = Number(process.env.RATE ?? 12);
const SECONDS = Number(process.env.SECONDS ?? 60);
const TIMEOUT_MS = Number(process.env.CALL_TIMEOUT_MS ?? 4000);

const log = winston.createLogger({
  level: 'info',
  defaultMeta: { service: 'web-bff' },
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.File({ filename: process.env.LOG_FILE ?? 'web-bff.log' })],
});

let window = { calls: 0, ok: 0, c4xx: 0, c5xx: 0, timeouts: 0, errors: 0, ms: [] };
let totals = { calls: 0, ok: 0, c4xx: 0, c5xx: 0, timeouts: 0, errors: 0 };

function pick() {
  const r = Math.random();
  const id = 1 + Math.floor(Math.random() * 50_500); // a few ids past the last account: 404s
  if (r < 0.6) return { method: 'GET', path: `/api/v1/accounts/${id}` };
  if (r < 0.9) return { method: 'GET', path: `/api/v1/accounts/${id}/preferences` };
  const n = Math.floor(Math.random() * 1e6);
  return { method: 'POST', path: '/api/v1/accounts', body: { email: `new.user${n}@example.org`, name: `New User ${n}` } };
}

async function call() {
  const { method, path, body } = pick();
  const started = performance.now();
  window.calls++;
  try {
    const res = await fetch(BASE + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    const ms = Math.round(performance.now() - started);
    window.ms.push(ms);
    if (res.status >= 500) {
      window.c5xx++;
      log.warn(`${method} ${BASE}${path} answered ${res.status} ${res.statusText} in ${ms} ms`, { method, url: BASE + path, elapsedMs: ms, httpStatus: res.status });
    } else if (res.status >= 400) window.c4xx++;
    else window.ok++;
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    if (err.name === 'TimeoutError') window.timeouts++;
    else window.errors++;
    log.warn(`${method} ${BASE}${path} failed after ${ms} ms: ${err.name}: ${err.message}`, { method, url: BASE + path, elapsedMs: ms, errorName: err.name });
  }
}

function summary() {
  const ms = window.ms.sort((a, b) => a - b);
  const q = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] : 0);
  log.info(
    `last 10s: ${window.calls} calls, 2xx=${window.ok} 4xx=${window.c4xx} 5xx=${window.c5xx} timeouts=${window.timeouts} errors=${window.errors}; ` +
      `answered in p50=${q(50)}ms p99=${q(99)}ms max=${ms.at(-1) ?? 0}ms`,
  );
  for (const k of Object.keys(totals)) totals[k] += window[k];
  window = { calls: 0, ok: 0, c4xx: 0, c5xx: 0, timeouts: 0, errors: 0, ms: [] };
}

log.info(`web-bff starting: ${BASE}, ${RATE} calls/s (Poisson), call timeout ${TIMEOUT_MS} ms, for ${SECONDS} s`);
const every = setInterval(summary, 10_000);
const end = Date.now() + SECONDS * 1000;
const inflight = new Set();
while (Date.now() < end) {
  const p = call();
  inflight.add(p);
  p.finally(() => inflight.delete(p));
  // Exponential gaps: Poisson arrivals.
  await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * (1000 / RATE)));
}
await Promise.allSettled([...inflight]);
clearInterval(every);
summary();
log.info(`web-bff done: ${totals.calls} calls, 2xx=${totals.ok} 4xx=${totals.c4xx} 5xx=${totals.c5xx} timeouts=${totals.timeouts} errors=${totals.errors}`);
log.end();

// account-api: the accounts service of Rootline's node-event-loop-blocked-redos sample (see ../README.md).
// Fastify 5 with its own pino logger (ISO-8601 times, level labels) to LOG_FILE, and
// @fastify/under-pressure (503 when the event-loop delay it measures passes 1 s; `process health` every
// 5 s logs what it measured). Accounts live in memory; lookups wait 1-5 ms on a simulated cache call.
//   GET  /api/v1/accounts/:id               the account (404 when unknown)
//   GET  /api/v1/accounts/:id/preferences   its preferences
//   POST /api/v1/accounts                   sign-up: {"email","name"}; the e-mail is checked with EMAIL
//   GET  /status                            under-pressure's status route
// Environment: API_PORT (127.0.0.1 only), LOG_FILE, API_SECONDS (the process exits after that long).
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import underPressure from '@fastify/under-pressure';
import pino from 'pino';
import { isValidEmail } from './email.mjs';

const PORT = Number(process.env.API_PORT ?? 18231);
const SECONDS = Number(process.env.API_SECONDS ?? 600);
const ACCOUNTS = 50_000;

const logger = pino(
  {
    name: 'account-api',
    level: 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    base: { pid: process.pid, hostname: hostname() },
  },
  pino.destination({ dest: process.env.LOG_FILE ?? 1, sync: true }),
);

const app = Fastify({ loggerInstance: logger });
await app.register(underPressure, { maxEventLoopDelay: 1000, eventLoopUtilizationMode: 'interval', exposeStatusRoute: '/status' });

// A deterministic little population.
const accounts = new Map();
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 1; i <= ACCOUNTS; i++) {
  accounts.set(i, {
    id: i,
    name: `user${i}`,
    email: `user${i}@example.org`,
    plan: rnd() < 0.2 ? 'pro' : 'free',
    preferences: { locale: rnd() < 0.5 ? 'en-GB' : 'de-DE', newsletter: rnd() < 0.3, theme: rnd() < 0.5 ? 'dark' : 'light' },
  });
}
let nextId = ACCOUNTS + 1;

const cache = () => sleep(1 + Math.floor(Math.random() * 5));

app.get('/api/v1/accounts/:id', async (req, reply) => {
  await cache();
  const a = accounts.get(Number(req.params.id));
  if (!a) return reply.code(404).send({ error: 'no such account' });
  return { id: a.id, name: a.name, plan: a.plan };
});

app.get('/api/v1/accounts/:id/preferences', async (req, reply) => {
  await cache();
  const a = accounts.get(Number(req.params.id));
  if (!a) return reply.code(404).send({ error: 'no such account' });
  return a.preferences;
});

app.post('/api/v1/accounts', async (req, reply) => {
  const { email, name } = req.body ?? {};
  if (!isValidEmail(email)) {
    req.log.warn({ emailLength: typeof email === 'string' ? email.length : null }, 'sign-up rejected: invalid e-mail address');
    return reply.code(400).send({ error: 'invalid e-mail address' });
  }
  await cache();
  const a = { id: nextId++, name: String(name ?? '').slice(0, 80), email, plan: 'free', preferences: { locale: 'en-GB', newsletter: false, theme: 'light' } };
  accounts.set(a.id, a);
  return reply.code(201).send({ id: a.id });
});

const health = setInterval(() => app.log.info(app.memoryUsage(), 'process health'), 5000);
health.unref();

const stop = async (why) => {
  app.log.info({ why }, 'shutting down');
  clearInterval(health);
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
setTimeout(() => void stop('API_SECONDS elapsed'), SECONDS * 1000).unref();

await app.listen({ host: '127.0.0.1', port: PORT });
app.log.info({ accounts: accounts.size, node: process.version }, 'account-api ready');

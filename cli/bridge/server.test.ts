import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RootlineEngine } from '../../engine/api/engine';
import { startBridge, type Bridge } from './server';

function call(b: Bridge, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: b.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${b.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

let bridge: Bridge;
let engine: RootlineEngine;

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'rl-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Rootline</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  engine = new RootlineEngine({ home: mkdtempSync(join(tmpdir(), 'rl-bridge-home-')) });
  bridge = await startBridge({ engine, rendererDir: renderer });
});
afterAll(async () => {
  await bridge.close();
  engine.close();
});

describe('browser bridge', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the per-run token', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[0-9a-f]{48}$`));
    expect((bridge.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses the API and the page without the token', async () => {
    const api = await call(bridge, '/api/version', { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body).error.code).toBe('unauthorized');
    expect((await call(bridge, '/')).status).toBe(401);
    expect((await call(bridge, '/api/version', { method: 'POST', headers: { 'x-rootline-token': 'nope' } })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin, even with the token', async () => {
    const t = { 'x-rootline-token': bridge.token };
    const rebinding = await call(bridge, '/api/version', { method: 'POST', headers: { ...t, host: `evil.example:${bridge.port}` } });
    expect(rebinding.status).toBe(403);
    expect(JSON.parse(rebinding.body).error.message).toMatch(/Host/);
    const cross = await call(bridge, '/api/version', { method: 'POST', headers: { ...t, origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expect((await call(bridge, '/api/version', { method: 'POST', headers: { ...t, origin: `http://localhost:${bridge.port}` } })).status).toBe(200);
  });

  it('answers API calls with the token header, and maps engine errors to typed JSON', async () => {
    const t = { 'x-rootline-token': bridge.token, 'content-type': 'application/json' };
    const ok = await call(bridge, '/api/version', { method: 'POST', headers: t, body: '{"args":[]}' });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { schema: expect.any(Number) } });
    const missing = await call(bridge, '/api/overview', { method: 'POST', headers: t, body: '{"args":["nope"]}' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await call(bridge, '/api/close', { method: 'POST', headers: t, body: '{}' })).status).toBe(404); // not part of the surface
    expect((await call(bridge, '/api/version', { method: 'POST', headers: t, body: 'not json' })).status).toBe(400);
  });

  it('trades the URL token for an HttpOnly SameSite cookie, then serves the page and assets', async () => {
    const first = await call(bridge, `/?token=${bridge.token}`);
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = { cookie: cookie.split(';')[0]! };
    const page = await call(bridge, '/', { headers: jar });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect((await call(bridge, '/assets/app.js', { headers: jar })).body).toBe('console.log(1)');
    expect((await call(bridge, '/timeline', { headers: jar })).body).toMatch(/Rootline/); // SPA fallback
    const traversal = await call(bridge, '/..%2f..%2fetc%2fpasswd', { headers: jar });
    expect(traversal.body).not.toMatch(/root:/);
  });
});

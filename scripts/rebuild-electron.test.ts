import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedHeaderDirs, checkHeadersReachable, headersTarball, NATIVE_PACKAGES, RebuildError, stageNativeCopy } from './rebuild-electron';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

let dir: string;
const servers: Server[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rootline-rebuild-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A server on the loopback interface only; `answer` null = accept and never reply. */
async function loopback(answer: number | null): Promise<string> {
  const s = createServer((_req, res) => {
    if (answer !== null) res.writeHead(answer).end();
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

describe('the headers check (no hanging when offline)', () => {
  it('names the tarball node-gyp downloads', () => {
    expect(headersTarball('https://mirror.example/headers/', '45.4.1')).toBe('https://mirror.example/headers/v45.4.1/node-v45.4.1-headers.tar.gz');
  });

  it('passes when the server has the headers', async () => {
    await expect(checkHeadersReachable(`${await loopback(200)}/v45.4.1/node-v45.4.1-headers.tar.gz`)).resolves.toBeUndefined();
  });

  it('fails with what to do when nothing answers, the connection is refused, or the file is not there', async () => {
    const started = Date.now();
    const silent = checkHeadersReachable(`${await loopback(null)}/h.tar.gz`, 300);
    await expect(silent).rejects.toThrow(RebuildError);
    await expect(silent).rejects.toThrow(/no answer in 0 s[\s\S]*needs network access/);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(checkHeadersReachable(`${await closedPort()}/h.tar.gz`, 2000)).rejects.toThrow(/ECONNREFUSED[\s\S]*ELECTRON_REBUILD_DIST_URL/);
    await expect(checkHeadersReachable(`${await loopback(404)}/h.tar.gz`)).rejects.toThrow('(HTTP 404)');
  });

  it('is skipped when node-gyp already has the headers', () => {
    expect(cachedHeaderDirs('45.4.1', {}, dir)).toEqual([]);
    const cached = join(dir, '.electron-gyp', '45.4.1', 'include', 'node');
    mkdirSync(cached, { recursive: true });
    writeFileSync(join(cached, 'node_version.h'), '');
    expect(cachedHeaderDirs('45.4.1', {}, dir)).toEqual([join(dir, '.electron-gyp', '45.4.1')]);
  });
});

describe('stageNativeCopy', () => {
  it('copies better-sqlite3 and what it requires, without Node’s build', () => {
    const target = join(dir, 'native');
    stageNativeCopy(ROOT, target);
    for (const p of NATIVE_PACKAGES) expect(existsSync(join(target, 'node_modules', p, 'package.json')), p).toBe(true);
    expect(existsSync(join(target, 'node_modules', 'better-sqlite3', 'lib', 'index.js'))).toBe(true);
    expect(existsSync(join(target, 'node_modules', 'better-sqlite3', 'build'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual([...NATIVE_PACKAGES]);
  });
});

describe('npm run rebuild:electron offline', () => {
  it('stops with a clear message instead of hanging', async () => {
    const run = promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'rebuild-electron.ts')], {
      env: { ...process.env, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), ELECTRON_REBUILD_DIST_URL: await closedPort() },
      timeout: 60_000,
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^rebuild:electron failed: cannot download the Electron headers .*ECONNREFUSED/) });
  });
});

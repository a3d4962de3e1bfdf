/**
 * `npm start` here: no Electron runtime can be downloaded, so it must say so and serve the UI in
 * browser mode, printing the URL; the bridge then refuses requests without the token or with a
 * foreign Host header.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, tempHome } from '../support/cli';

function get(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

let child: ChildProcess | undefined;
afterAll(() => {
  // npm does not pass signals on to the script it runs: stop the whole process group.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

describe('npm start without an Electron runtime', () => {
  it('falls back to browser mode, prints the URL, and the bridge refuses strangers', async () => {
    child = spawn('npm', ['start', '--silent'], {
      cwd: REPO,
      env: { ...process.env, ROOTLINE_HOME: tempHome(), ROOTLINE_ELECTRON_DOWNLOAD_TIMEOUT_MS: '20000' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const url = await new Promise<URL>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(stdout);
        if (m) {
          clearInterval(t);
          resolve(new URL(m[0]));
        }
      }, 200);
      child!.on('exit', (code) => {
        clearInterval(t);
        reject(new Error(`npm start exited (${code}) without serving:\n${stderr}`));
      });
    });
    expect(stderr).toMatch(/cannot open its desktop window/);
    expect(stderr).toMatch(/browser mode/);
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;
    expect(await get(port, '/api/version', { host: `127.0.0.1:${port}` })).toBe(401);
    expect(await get(port, '/api/version', { host: `rebind.example:${port}`, 'x-rootline-token': token })).toBe(403);
    expect(await get(port, '/api/version', { host: `127.0.0.1:${port}`, 'x-rootline-token': token })).toBe(200);
  });
});

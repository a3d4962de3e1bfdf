/** Runs the real `rootline` CLI in a child process, with its own data directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'rootline-test-'));
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], home = tempHome()): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'cli', 'main.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, ROOTLINE_HOME: home, FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

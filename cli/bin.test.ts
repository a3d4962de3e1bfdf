/**
 * The installed command as a user runs it (`node bin/rootline.mjs`, what `npm run rootline` runs):
 * the CLI bundled from its sources answers, and a sample's report comes out as JSON.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin', 'rootline.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('bin/rootline.mjs', () => {
  it('analyses a sample and prints its report as JSON', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'rl-bin-')), 'b.sqlite');
    const report = JSON.parse(run('analyze', join(ROOT, 'samples', 'busy-loop-go-profile', 'bundle'), '--json', '--db', db)) as { rootCauses: { id: string }[] };
    expect(report.rootCauses[0]?.id).toBe('busy-loop');
  }, 60_000);

  it("starts itself with small young-generation spaces and passes on the CLI's exit code", () => {
    for (const pre of [[], ['--max-semi-space-size=4']]) {
      let status: number | null = null;
      try {
        execFileSync(process.execPath, [...pre, join(ROOT, 'bin', 'rootline.mjs'), 'analyze', join(ROOT, 'no-such-bundle')], { cwd: ROOT, stdio: 'pipe' });
      } catch (e) {
        status = (e as { status: number | null }).status;
      }
      expect(status).toBe(66); // EX_NOINPUT, from the CLI itself either way
    }
  }, 60_000);

  it('runs the CLI in a child started with 4 MB semi-spaces', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'rl-bin-')), 'b.sqlite');
    const parent = spawn(process.execPath, [join(ROOT, 'bin', 'rootline.mjs'), 'analyze', join(ROOT, 'samples', 'busy-loop-go-profile', 'bundle'), '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((done) => parent.once('exit', done));
    let argv = '';
    // The child's command line, from Linux's /proc while it runs.
    for (let i = 0; i < 500 && argv === '' && parent.exitCode === null; i++) {
      const kids = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim();
      if (kids) argv = readFileSync(`/proc/${kids.split(' ')[0]}/cmdline`, 'utf8').split('\0').join(' ');
      else await new Promise((r) => setTimeout(r, 10));
    }
    await exited;
    expect(argv).toContain('--max-semi-space-size=4');
    expect(argv).toContain('rootline.mjs analyze');
  }, 60_000);

  it('says what it does', () => {
    expect(run('--help')).toMatch(/analyze/);
  }, 60_000);
});

/**
 * The installed command as a user runs it (`node bin/rootline.mjs`, what `npm run rootline` runs):
 * the CLI bundled from its sources answers, and a sample's report comes out as JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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

  it('says what it does', () => {
    expect(run('--help')).toMatch(/analyze/);
  }, 60_000);
});

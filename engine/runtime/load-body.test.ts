/**
 * Worker bodies run from a bundle made once and remade when a source changes; each source keeps its
 * own import.meta.url inside the bundle, so the relative URLs it resolves (workers it starts) hold.
 */
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { bundlePath, loadBody } from './load-body.mjs';

describe('loadBody', () => {
  it('bundles once, keeps each source its own URL, and rebuilds when a source changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-body-'));
    writeFileSync(join(dir, 'dep.ts'), "export const where: string = import.meta.url;\nexport const value: number = 1;\n");
    writeFileSync(join(dir, 'entry.ts'), "import { where, value } from './dep';\n(globalThis as Record<string, unknown>).__rlBody = { where, value };\n");
    await loadBody('./entry.ts', pathToFileURL(join(dir, '/')).href);
    expect((globalThis as Record<string, unknown>).__rlBody).toEqual({ where: pathToFileURL(join(dir, 'dep.ts')).href, value: 1 });
    const out = bundlePath(join(dir, 'entry.ts')) as string;
    const made = statSync(out).mtimeMs;
    await loadBody('./entry.ts', pathToFileURL(join(dir, '/')).href);
    expect(statSync(out).mtimeMs).toBe(made); // fresh: reused
    writeFileSync(join(dir, 'dep.ts'), "export const where: string = import.meta.url;\nexport const value: number = 2;\n");
    utimesSync(join(dir, 'dep.ts'), new Date(), new Date(Date.now() + 5000));
    await loadBody('./entry.ts', pathToFileURL(join(dir, '/')).href);
    expect(readFileSync(out, 'utf8')).toMatch(/value = 2/);
  });
});

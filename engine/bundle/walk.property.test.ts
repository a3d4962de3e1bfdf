/**
 * Property: whatever names, types and bodies an archive holds, the walk never throws, every delivered
 * path is safe and unique, and every member is accounted for — delivered, refused, or walked into.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzip, tarBuffer, zipBuffer } from './__fixtures__/build';
import { collect } from './__fixtures__/collect';
import { displayPath, safeArchivePath } from './safe-path';
import type { WalkResult } from './types';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rootline-prop-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const names = fc.constantFrom(
  'app.log', 'logs/app.log', './logs/app.log', 'logs/gc.log.0.gz', '../evil', '/etc/evil', 'a/../../b', 'logs\\win.log',
  '..\\up.txt', 'C:\\x.txt', 'nested.tar', 'nested.tgz', 'inner.zip', 'logs/a\tb.log', 'x/./y.log', 'dup.log', 'dup.log',
);
const bodies = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constant(gzip('zipped line\n')),
  fc.uint8Array({ maxLength: 600 }).map((u) => Buffer.from(u)),
);
const tarTypes = fc.constantFrom('File', 'File', 'File', 'SymbolicLink', 'Link', 'Directory', 'FIFO', 'CharacterDevice');

function accounted(member: string, delivered: Set<string>, refused: Set<string>): boolean {
  const v = safeArchivePath(member);
  const p = v.ok ? v.path : displayPath(member);
  if (delivered.has(p) || refused.has(p)) return true;
  return [...delivered, ...refused].some((x) => x.startsWith(`${p}!/`)); // a nested archive that was walked
}

function check(members: string[], got: { path: string }[], result: WalkResult): void {
  const refusedPaths = result.refused.map((r) => r.path);
  const delivered = got.map((g) => g.path);
  expect(new Set(delivered).size).toBe(delivered.length);
  for (const p of delivered) {
    for (const part of p.split('!/')) expect(safeArchivePath(part)).toEqual({ ok: true, path: part });
  }
  expect(new Set(refusedPaths).size).toBe(refusedPaths.length);
  const d = new Set(delivered);
  const r = new Set(refusedPaths);
  for (const p of refusedPaths) expect(d.has(p), `${p} both delivered and refused`).toBe(false);
  for (const p of result.problems) expect(d.has(p.path), `problem for ${p.path}, which was not delivered`).toBe(true);
  for (const m of members) expect(accounted(m, d, r), `${m} not accounted for`).toBe(true);
}

describe('walk properties', () => {
  it('tar (plain or gzipped): never throws, delivers only safe unique paths, accounts for every member', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ path: names, type: tarTypes, body: bodies }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (items, zipped) => {
          const tar = tarBuffer(
            items.map((i) =>
              i.type === 'File' ? { path: i.path, body: i.body } : { path: i.path, type: i.type as 'File', ...(i.type.endsWith('Link') ? { linkpath: '../x' } : {}) },
            ),
          );
          const file = join(dir, `p${run++}.tar${zipped ? '.gz' : ''}`);
          await writeFile(file, zipped ? gzip(tar) : tar);
          const { got, result } = await collect(file);
          check(items.filter((i) => i.type !== 'Directory').map((i) => i.path), got, result);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('zip: never throws, delivers only safe unique paths, accounts for every member', async () => {
    let run = 0;
    const zipNames = names.filter((n) => Buffer.byteLength(n) >= 3); // the builder patches unsafe names in place
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: zipNames, data: bodies, link: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        async (items) => {
          const file = join(dir, `z${run++}.zip`);
          await writeFile(file, await zipBuffer(items.map((i) => ({ name: i.name, data: i.data, ...(i.link ? { mode: 0o120777 } : {}) }))));
          const { got, result } = await collect(file);
          check(items.map((i) => i.name), got, result);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('damaged archives (flipped bytes, cut short) end in a result or a BundleError, never a hang or a crash', async () => {
    const logs = [1, 2, 3].map((n) => ({ path: `logs/f${n}.log`, body: `line ${n}\n`.repeat(50 * n) }));
    const sources = {
      tgz: gzip(tarBuffer([...logs, { path: 'logs/r.log.1.gz', body: gzip('rotated\n'.repeat(40)) }])),
      tar: tarBuffer(logs),
      zip: await zipBuffer([...logs.map((l) => ({ name: l.path, data: l.body })), { name: 'in.tar', data: tarBuffer(logs) }]),
    };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('tgz', 'tar', 'zip' as const),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        async (kind, flips, cut) => {
          const bytes = Buffer.from(sources[kind]);
          for (const [at, v] of flips) bytes[Math.floor(at * (bytes.length - 1))] = v;
          const file = join(dir, `d${run++}.${kind}`);
          await writeFile(file, cut === null ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length)));
          try {
            const { got, result } = await collect(file);
            check([], got, result);
          } catch (e) {
            expect((e as Error).name).toBe('BundleError');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

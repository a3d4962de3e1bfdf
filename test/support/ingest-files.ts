/** Ingests real files, copied under the given bundle paths into a temporary folder, into an in-memory store. */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARSERS } from '../../parsers';
import { ingestBundle } from '../../engine/ingest/ingest';
import { SIGNATURES } from '../../engine/signatures';
import { Store } from '../../engine/store';

export async function ingestFiles(files: Record<string, string>): Promise<{ store: Store; bundleId: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-files-'));
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    copyFileSync(from, join(dir, to));
  }
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  return { store, bundleId: r.bundle.id };
}

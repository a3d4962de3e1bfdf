/**
 * A sample's bundle analysed through the engine's API, whole or with its dumps/ left out (logs only), each into
 * its own database in a temporary folder: for tests that check a cause on real bundles.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { analyzePath } from '../../engine/api/analyze';
import { CONCLUDED } from '../../engine/model/root-cause';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

/** Call at the top of a test file: registers the temporary folder's creation and removal. */
export function sampleAnalyser(prefix: string) {
  let work = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), `rootline-${prefix}-`));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The sample's bundle, or a copy of it without dumps/ (no histograms, no thread dumps). */
  const bundle = (sample: string, withDumps: boolean): string => {
    const src = join(SAMPLES, sample, 'bundle');
    if (withDumps) return src;
    const dst = join(work, `${sample}-logs-only`);
    cpSync(join(src, 'logs'), join(dst, 'logs'), { recursive: true });
    return dst;
  };

  return async (sample: string, withDumps = true) => {
    const r = await analyzePath(bundle(sample, withDumps), { db: join(work, `${sample}-${withDumps}.sqlite`), force: true });
    const concluded = r.rootCauses.filter((c) => c.confidence >= CONCLUDED).map((c) => c.cause);
    return { r, first: r.rootCauses[0]!, concluded };
  };
}

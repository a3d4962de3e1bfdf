/**
 * The deadlock cause on a real Go 1.19 dump (parsers/goroutine/__fixtures__/lock-waits/lockwaits-debug2.txt, made by
 * its make-fixtures.sh): transfer(a, b) holds a.mu and waits for b.mu while transfer(b, a) holds b.mu and waits for
 * a.mu — one goroutine on each side, under the queue size that makes contention worth reporting. A cycle is a
 * deadlock however few goroutines it holds; the readers queued behind a sleeping writer in the same dump stay contention.
 */
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../analysis/analyze';
import { ingestFiles } from '../../../test/support/ingest-files';
import { CONCLUDED } from '../../model/root-cause';
import { SIGNATURES } from '../../signatures';

const DUMP = new URL('../../../parsers/goroutine/__fixtures__/lock-waits/lockwaits-debug2.txt', import.meta.url).pathname;

describe('deadlock from a Go lock cycle', () => {
  it('concludes a deadlock from a two-goroutine cycle, and lock-contention from the other queue', async () => {
    const { store, bundleId } = await ingestFiles({ 'dumps/lockwaits-debug2.txt': DUMP });
    const r = analyzeBundle(store, bundleId, SIGNATURES);
    const concluded = r.rootCauses.filter((c) => c.confidence >= CONCLUDED);
    expect(concluded.map((c) => c.cause)).toEqual(['deadlock', 'lock-contention']);
    expect(concluded[0]!.reasoning[0]).toMatch(/main\.transfer .*The holder waits for this lock again through other locks: a deadlock\.$/);
    expect(concluded[1]!.summary).toContain('main.(*store).get');
  });
});

/**
 * go-lock-contention and the lock-contention cause on real Go 1.22 dumps of the lockwaits program
 * (parsers/goroutine/__fixtures__/lock-waits/make-fixtures-go122.sh): its pprof debug=2 profile and its
 * stderr with a SIGQUIT trace taken after five more transfers queued behind the two-lock cycle. Five
 * readers queue behind a writer asleep with the RWMutex held: contention. Six transfers queue on a lock
 * whose holder waits for the other one's: a deadlock, which the deadlock cause names and contention must not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../test/support/ingest-files';
import { analyzeBundle } from '../../analysis/analyze';
import { diagnose } from '../../diagnosis/diagnose';
import { CONCLUDED } from '../../model/root-cause';
import { SIGNATURES } from '../index';
import { GO_LOCK_CONTENTION, type GoLockContentionData } from './lock-contention';

const DIR = new URL('../../../parsers/goroutine/__fixtures__/lock-waits/go122/', import.meta.url).pathname;

describe('go-lock-contention on Go 1.22 dumps', async () => {
  const { store, bundleId } = await ingestFiles({
    'dumps/lockwaits-debug2.txt': `${DIR}lockwaits-debug2.txt`,
    'logs/lockwaits-stderr.log': `${DIR}lockwaits-sigquit.log`,
  });
  const r = analyzeBundle(store, bundleId, SIGNATURES);
  const locks = r.findings.filter((f) => f.signature === GO_LOCK_CONTENTION);
  const data = (fn: string) => locks.find((f) => (f.data as unknown as GoLockContentionData).site.startsWith(`${fn} `))!;

  it('reports the RWMutex readers behind the sleeping writer, and the queue behind the cycle as a deadlock', () => {
    expect(r.errors).toEqual([]);
    expect(locks.map((f) => f.title).sort()).toEqual([
      '5 goroutines queued on the RWMutex taken in main.(*store).get',
      "Deadlock: goroutines in main.transfer wait for each other's locks",
    ]);
    // auditMu's 4 waiters stay under the signature's 5.
    const get = data('main.(*store).get');
    expect(get.data).toMatchObject({ kind: 'RWMutex.RLock', peakWaiters: 5, cycle: false, holder: { id: 6, state: 'sleep', activity: 'sleep', matchedBy: 'receiver' } });
    expect(get.summary).toContain('sleeping (time.Sleep, called from main.(*store).reload)');
    const cyc = data('main.transfer');
    expect(cyc.data).toMatchObject({ kind: 'Mutex', peakWaiters: 6, cycle: true, holder: { id: 28, activity: 'lock' } });
    expect(cyc.summary).toContain('a deadlock');
  });

  it('points at the dump lines: the sleeping holder, its code and the queued RLock', () => {
    const get = data('main.(*store).get');
    const path = (id: number) => store.db.prepare<[number], { path: string }>('SELECT path FROM files WHERE id = ?').get(id)!.path;
    const text = (e: (typeof get.evidence)[number]) => {
      const file = path(e.fileId) === 'logs/lockwaits-stderr.log' ? 'lockwaits-sigquit.log' : 'lockwaits-debug2.txt';
      return readFileSync(DIR + file, 'utf8').split('\n')[e.line - 1];
    };
    expect(get.evidence.map((e) => [e.note, text(e)?.replace(/\([^()]*\)$/, '')])).toEqual([
      ['the holder: sleeping', 'time.Sleep'],
      ['the code holding the lock', 'main.(*store).reload'],
      ['5 goroutines queued here', 'sync.(*RWMutex).RLock'],
    ]);
  });

  it('concludes lock-contention from the readers behind the sleeping writer', () => {
    const c = r.rootCauses.find((x) => x.cause === 'lock-contention')!;
    expect(c.confidence).toBeGreaterThanOrEqual(CONCLUDED);
    expect(c.summary).toBe(
      'Requests queue on the RWMutex taken in main.(*store).get while the goroutine holding it is sleeping (time.Sleep, called from main.(*store).reload).',
    );
  });

  it('concludes a deadlock, not lock-contention, from the cycle alone', () => {
    const d = diagnose(locks.filter((f) => f.title.includes('main.transfer')), () => 0);
    expect(d.rootCauses.filter((x) => x.confidence >= CONCLUDED).map((x) => x.cause)).toEqual(['deadlock']);
    expect(d.rootCauses[0]!.reasoning[0]).toContain('a deadlock');
    expect(d.rootCauses.find((x) => x.cause === 'lock-contention' && x.confidence >= CONCLUDED)).toBeUndefined();
  });
});

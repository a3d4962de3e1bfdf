import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareBundle } from '../../api/analyze';
import { guideWalk } from './walk';

const INCIDENT3 = 'samples/incident-3-hikari-starvation/bundle';

async function walkOf(path: string, symptom?: Parameters<typeof guideWalk>[2]) {
  const db = join(mkdtempSync(join(tmpdir(), 'rl-walk-')), 'db.sqlite');
  const p = await prepareBundle(path, { db });
  try {
    return guideWalk(p.store, p.bundleId, symptom);
  } finally {
    p.store.close();
  }
}

describe('guideWalk', () => {
  it('starts incident 3 from timeouts and reaches process-starvation, every confirmed check with evidence', async () => {
    const w = await walkOf(INCIDENT3);
    expect(w.proposed?.id).toBe('timeouts-5xx');
    expect(w.symptom.id).toBe('timeouts-5xx');
    expect(w.chosenByUser).toBe(false);
    expect(w.conclusion?.id).toBe('process-starvation');
    expect(w.steps[0]!.hypothesis.id).toBe('process-frozen');
    expect(w.steps[0]!.status).toBe('supported');
    for (const step of w.steps) {
      for (const c of step.checks) {
        expect(c.reasoning.length, c.id).toBeGreaterThan(20);
        if (c.status === 'confirmed') {
          expect(c.evidence.length, c.id).toBeGreaterThan(0);
          for (const e of c.evidence) expect(e.excerpt, `${e.file}:${e.line}`).not.toBe('');
        }
        if (c.status === 'no-data') expect(c.missing).toBeTruthy();
      }
    }
    // GC is ruled out by the GC log, with that as the reason.
    const gc = w.steps[0]!.checks.find((c) => c.id === 'gc-pauses')!;
    expect(gc.status).toBe('refuted');
  });

  it('lets the user pick another symptom and still reaches the cause the data supports', async () => {
    const w = await walkOf(INCIDENT3, 'db-connection-errors');
    expect(w.chosenByUser).toBe(true);
    expect(w.symptom.id).toBe('db-connection-errors');
    expect(w.conclusion?.id).toBe('process-starvation');
  });

  it('says which artifact would settle what the bundle cannot answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-walk-b-'));
    mkdirSync(join(dir, 'logs'));
    writeFileSync(
      join(dir, 'logs/app.log'),
      [
        '2021-01-31 07:13:48.441  WARN 30747 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).',
        '2021-01-31 07:15:05.201 ERROR 30747 --- [or-http-epoll-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : HikariPool-1 - Connection is not available, request timed out after 491632ms.',
        '',
      ].join('\n'),
    );
    const w = await walkOf(dir);
    expect(w.conclusion?.id).toBe('process-starvation');
    expect(w.openQuestions.join('\n')).toMatch(/GC log/);
    expect(w.openQuestions.join('\n')).toMatch(/thread dump taken during the timeouts would show whether threads wait in getConnection/);
  });
});

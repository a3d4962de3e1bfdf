/** Metrics inside logs on the timeline: one series per message and field, labelled `message · field (file)`, points on their lines. */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../test/support/ingest-files';
import { listSeries, seriesData } from './series';
import { unitOfField } from './series-log-metrics';

const FIXTURES = new URL('../ingest/__fixtures__/log-metrics/', import.meta.url).pathname;

describe('log metric series', () => {
  it('lists them in their own group, with the pid when the log printed one, and serves their points with the line that carried each', async () => {
    const { store, bundleId } = await ingestFiles({ 'logs/orders-worker.log': FIXTURES + 'node-pg-pool.log', 'logs/go-dbstats.log': FIXTURES + 'go-dbstats.log' });
    const infos = listSeries(store, bundleId).filter((s) => s.group === 'log-metrics');
    expect(infos.map((s) => s.label)).toContain('pg pool stats · pool.waitingCount (logs/orders-worker.log, pid 20779)');
    expect(infos.map((s) => s.label)).toContain('runtime stats · goroutines (logs/go-dbstats.log)');
    const waiting = infos.find((s) => s.label.startsWith('pg pool stats · pool.waitingCount'))!;
    expect(waiting).toMatchObject({ points: 30, min: 0, max: 15, unit: '' });
    expect(waiting.id).toMatch(/^log-metric\/\d+\/20779\/pg pool stats\/pool\.waitingCount$/);
    const data = seriesData(store, bundleId, waiting.id, { maxPoints: 10 });
    expect(data).toMatchObject({ group: 'log-metrics', total: 30, downsampled: true });
    const top = data.points.find((p) => p.value === 15)!;
    expect(top.ref).toMatch(/^event:\d+$/);
    const event = store.events.byIds([Number(top.ref.slice('event:'.length))])[0]!;
    expect([event.line, event.message]).toEqual([top.line, 'pg pool stats']);
  });

  it('reads the unit off the field name', () => {
    expect(['eventLoop.delayMaxMs', 'memory.heapUsedMB', 'heap_bytes', 'uptimeSeconds', 'gcPauseNs', 'goroutines', 'db.WaitDuration'].map(unitOfField)).toEqual(['ms', 'MB', 'bytes', 's', 'ns', '', '']);
  });
});

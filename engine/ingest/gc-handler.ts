/**
 * GC pauses and notable GC lines become events (kinds `gc.pause`, `gc.info`), so they sit on the
 * timeline with the logs and the signatures query them like log records.
 */
import type { GcInfo, GcPause } from '../../parsers/gclog';
import { LEVELS } from '../../parsers/types';
import type { EventWriter } from '../store/events';
import { TQ } from '../store/events';
import type { RecordHandler } from './record-sink';

const SEVERE: ReadonlySet<GcInfo['kind']> = new Set(['out-of-memory', 'gc-overhead-limit']);
const WARNING: ReadonlySet<GcInfo['kind']> = new Set(['to-space-exhausted', 'concurrent-mode-failure', 'promotion-failed', 'full-compaction', 'concurrent-abort']);
/** A pause this long is worth a WARN on the timeline. */
const LONG_PAUSE_MS = 1000;

const kb = (n: number | undefined) => (n === undefined ? '?' : n >= 1024 ? `${Math.round(n / 1024)}M` : `${n}K`);

export class GcHandler implements RecordHandler {
  constructor(private readonly writer: EventWriter) {}

  register(into: Map<string, RecordHandler>): void {
    into.set('gc-pause', this);
    into.set('gc-info', this);
  }

  accept(record: { type: string }, fileId: number): void {
    if (record.type === 'gc-pause') {
      const p = record as GcPause;
      const heap = p.heapBeforeKb !== undefined ? ` ${kb(p.heapBeforeKb)}->${kb(p.heapAfterKb)}(${kb(p.heapTotalKb)})` : '';
      const { type: _t, line: _l, endLine: _e, ts: _ts, tq: _tq, ...fields } = p;
      this.writer.add({
        file_id: fileId, ts: p.ts, tq: p.ts === null ? TQ.none : p.tq === 'explicit' ? TQ.explicit : TQ.assumed,
        level: p.pauseMs >= LONG_PAUSE_MS ? LEVELS.WARN : LEVELS.INFO, pid: null, thread: null, logger: p.collector ?? 'gc',
        kind: 'gc.pause', message: `${p.label}${heap} ${p.pauseMs.toFixed(3)}ms`, fields: JSON.stringify(fields),
        line: p.line, end_line: p.endLine, offset: -1, length: 0,
      });
      return;
    }
    const i = record as GcInfo;
    const { type: _t, line: _l, endLine: _e, ts: _ts, tq: _tq, message, ...fields } = i;
    this.writer.add({
      file_id: fileId, ts: i.ts, tq: i.ts === null ? TQ.none : i.tq === 'explicit' ? TQ.explicit : TQ.assumed,
      level: SEVERE.has(i.kind) ? LEVELS.ERROR : WARNING.has(i.kind) ? LEVELS.WARN : LEVELS.INFO, pid: null, thread: null,
      logger: i.collector ?? 'gc', kind: 'gc.info', message, fields: JSON.stringify(fields), line: i.line, end_line: i.endLine, offset: -1, length: 0,
    });
  }
}

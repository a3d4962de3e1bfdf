/**
 * `runSql`: the read-only SQL console. One statement, checked (guard.ts), run in a child process on
 * a read-only connection with a row cap, a size cap and a time limit; the process is killed when
 * the limit passes, so a runaway query cannot keep the app busy.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { guardSql } from './guard';

export type SqlErrorCode = 'syntax' | 'not-read-only' | 'timeout' | 'too-large' | 'cancelled' | 'failed';

export interface SqlRows {
  ok: true;
  columns: string[];
  /** Values as SQLite returns them: null, number, string, or Uint8Array for blobs. */
  rows: unknown[][];
  /** More rows were there than `rowCap`. */
  truncated: boolean;
  /** Time the query ran (not counting starting the query process). */
  elapsedMs: number;
}

export interface SqlFailure {
  ok: false;
  error: { code: SqlErrorCode; message: string };
  elapsedMs: number;
}

export type SqlResult = SqlRows | SqlFailure;

export interface RunSqlOptions {
  /** Rows returned at most (1..100,000, default 1,000); more are reported as `truncated`. */
  rowCap?: number;
  /** How long the query may run (default 5,000 ms). */
  timeLimitMs?: number;
  /** Result size at most (default 32 MiB), or the `too-large` error. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Called with the query process id once it runs (monitoring, tests). */
  onProcess?: (pid: number) => void;
}

export const MAX_ROW_CAP = 100_000;
/** Starting Node and opening the database, before the time limit starts counting. */
const START_LIMIT_MS = 30_000;

const failure = (code: SqlErrorCode, message: string, elapsedMs = 0): SqlFailure => ({ ok: false, error: { code, message }, elapsedMs });

type ChildMessage = { type: 'started' } | { type: 'result'; result: SqlResult };

export function runSql(dbPath: string, sql: string, opts: RunSqlOptions = {}): Promise<SqlResult> {
  const rowCap = opts.rowCap ?? 1000;
  const timeLimitMs = opts.timeLimitMs ?? 5000;
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
  if (!Number.isInteger(rowCap) || rowCap < 1) return Promise.resolve(failure('syntax', 'rowCap must be a whole number ≥ 1'));
  if (rowCap > MAX_ROW_CAP) return Promise.resolve(failure('too-large', `at most ${MAX_ROW_CAP.toLocaleString('en-US')} rows can be returned; add a LIMIT or export with a narrower query`));
  if (!(timeLimitMs > 0)) return Promise.resolve(failure('syntax', 'timeLimitMs must be > 0'));
  const verdict = guardSql(sql);
  if (verdict) return Promise.resolve(failure(verdict.code, verdict.message));
  const file = resolve(dbPath);
  if (!existsSync(file)) return Promise.resolve(failure('failed', `${dbPath}: no such database`));
  if (opts.signal?.aborted) return Promise.resolve(failure('cancelled', 'cancelled'));

  return new Promise<SqlResult>((settle) => {
    const child = fork(new URL('./query-process.mjs', import.meta.url), [], {
      execArgv: [], // no loaders or inspectors of the parent: plain Node starts fastest
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // inside Electron, execPath is Electron: run it as Node
      serialization: 'advanced', // blobs arrive as bytes
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    if (child.pid !== undefined) opts.onProcess?.(child.pid);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    let startedAt = 0;
    let done = false;
    let timer = setTimeout(() => finish(failure('failed', 'the query process did not start')), START_LIMIT_MS);
    const elapsed = () => (startedAt ? performance.now() - startedAt : 0);
    function finish(r: SqlResult) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      settle(r);
    }
    const onAbort = () => finish(failure('cancelled', 'cancelled', elapsed()));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'started') {
        startedAt = performance.now();
        clearTimeout(timer);
        timer = setTimeout(() => finish(failure('timeout', `stopped after ${timeLimitMs} ms; narrow the query (WHERE on ts or file_id, LIMIT) or raise the limit`, elapsed())), timeLimitMs);
      } else {
        finish(m.result.ok ? m.result : { ...m.result, elapsedMs: elapsed() });
      }
    });
    child.on('error', (e) => finish(failure('failed', `the query process failed: ${e.message}`, elapsed())));
    // 'close', not 'exit': it comes after every message the process sent has been delivered.
    child.on('close', (code, signal) => finish(failure('failed', `the query process ended (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`, elapsed())));
    child.send({ dbPath: file, sql, rowCap, maxBytes });
  });
}

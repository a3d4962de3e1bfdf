import { useEffect, useState } from 'react';
import type { IngestResult } from '../../../../engine/api/engine';
import type { JobState } from '../../../../engine/api/surface';
import type { IngestProgress } from '../../../../engine/ingest/progress';
import { api, transport } from '../../api/client';
import { href, navigate } from '../../app/router';
import { bytes, count } from '../../components/format';
import { ErrorState, ProgressBar } from '../../components/States';

const PHASES: Record<IngestProgress['phase'], string> = { reading: 'Reading files', indexing: 'Building indexes', analyzing: 'Looking for failure signatures', done: 'Done' };

/** Ingest progress with a real progress bar (when the size is known up front) and cancel. */
export function OpenView({ jobId }: { jobId: string }) {
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let alive = true;
    const apply = (s: JobState) => {
      if (!alive || s.id !== jobId) return;
      setJob(s);
      if (s.status === 'done') navigate(href((s.result as IngestResult).bundle, 'overview'));
    };
    const off = transport.onJob(apply);
    // Events can be missed before the subscription: poll as well, slowly.
    const poll = () => api.job(jobId).then(apply, (e: Error) => alive && setError(e));
    void poll();
    const t = setInterval(poll, 700);
    return () => {
      alive = false;
      off();
      clearInterval(t);
    };
  }, [jobId]);

  if (error) return <div className="view"><ErrorState error={error} /><a href="#/">Back</a></div>;
  const p = job?.progress as IngestProgress | null | undefined;
  const secs = p ? Math.max(p.elapsedMs / 1000, 0.001) : 1;
  return (
    <div className="view open-view">
      <h1>Opening bundle</h1>
      {job?.status === 'cancelled' ? (
        <>
          {/* The user asked for it: not an error. A bundle read before keeps its analysis (a re-read is built aside). */}
          <div className="state" role="status">
            <h2>Cancelled</h2>
            <p className="state-message">Reading stopped. Nothing already stored was changed: a bundle opened before keeps its earlier analysis.</p>
          </div>
          <a href="#/">Back to the start page</a>
        </>
      ) : job?.status === 'failed' ? (
        <>
          <ErrorState error={Object.assign(new Error(job.error?.message ?? job.status), { code: job.error?.code })} />
          <a href="#/">Back to the start page</a>
        </>
      ) : (
        <>
          <ProgressBar
            value={p ? Math.min(p.bytes, (p.totalBytes ?? p.bytes) * 0.99) : 0}
            max={p?.totalBytes ?? null}
            label={p ? PHASES[p.phase] : 'Starting…'}
          />
          {p && (
            <dl className="stats" aria-live="polite">
              <dt>File</dt>
              <dd className="mono">{p.file ?? '—'}</dd>
              <dt>Read</dt>
              <dd>
                {count(p.files)} files, {bytes(p.bytes)}
                {p.totalBytes ? ` of ${bytes(p.totalBytes)}` : ''}, {count(p.lines)} lines, {count(p.records)} records
              </dd>
              <dt>Rate</dt>
              <dd>{bytes(p.bytes / secs)}/s</dd>
            </dl>
          )}
          <button type="button" onClick={() => api.cancel(jobId)} disabled={!job || job.status !== 'running'}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}

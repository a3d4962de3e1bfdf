import { useState, type DragEvent, type FormEvent } from 'react';
import { api, transport } from '../../api/client';
import { navigate } from '../../app/router';
import { useAsync } from '../../app/use-async';
import { utc } from '../../components/format';
import { ErrorState } from '../../components/States';

async function openPath(path: string, tz?: string): Promise<void> {
  const job = await api.ingest({ path, ...(tz ? { tz } : {}) });
  navigate(`#/open/${job.id}`);
}

/** Start page: open a bundle (dialog, path, upload, drop), recent bundles, the bundled samples. */
export function HomeView() {
  const recent = useAsync(() => api.recentBundles(), []);
  const samples = useAsync(() => api.samples(), []);
  const [path, setPath] = useState('');
  const [tz, setTz] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const run = (p: Promise<void>) => p.catch((e: Error) => setError(e));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) run(openPath(path.trim(), tz.trim() || undefined));
  };
  const upload = async (file: File) => {
    if (!transport.upload) return;
    setUploading(`Uploading ${file.name}…`);
    try {
      const saved = await transport.upload(file, (sent, total) => setUploading(`Uploading ${file.name}: ${Math.round((100 * sent) / Math.max(total, 1))}%`));
      await openPath(saved, tz.trim() || undefined);
    } finally {
      setUploading(null);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const local = window.rootline?.pathForFile?.(file);
    run(local ? openPath(local) : upload(file));
  };

  return (
    <div
      className={`view home${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h1>Open an incident bundle</h1>
      <p className="muted">A folder, a single log, or a .zip / .tar / .tar.gz of logs, thread dumps and snapshots. Drop it anywhere on this page.</p>
      {error && <ErrorState error={error} onRetry={() => setError(null)} />}
      <div className="open-row">
        {transport.pickBundle && (
          <button
            type="button"
            className="primary"
            onClick={() =>
              run(
                transport.pickBundle!().then((p) => {
                  if (p) return openPath(p, tz.trim() || undefined);
                }),
              )
            }
          >
            Open bundle…
          </button>
        )}
        <form onSubmit={submit} className="path-form" aria-label="Open by path">
          <label htmlFor="bundle-path">Path on this machine</label>
          <input id="bundle-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/var/tmp/outage-2026-11-22.tar.gz" spellCheck={false} />
          <label htmlFor="bundle-tz" className="tz-label">
            Time zone (optional)
          </label>
          <input id="bundle-tz" className="tz" value={tz} onChange={(e) => setTz(e.target.value)} placeholder="guessed, e.g. Asia/Seoul" spellCheck={false} />
          <button type="submit" disabled={!path.trim()}>
            Open
          </button>
        </form>
        {transport.upload && (
          <label className="upload">
            <span>Upload a file…</span>
            <input type="file" accept=".zip,.tar,.tgz,.gz,.log,.txt,.json,.jsonl,.csv" onChange={(e) => e.target.files?.[0] && run(upload(e.target.files[0]))} />
          </label>
        )}
      </div>
      {uploading && <p role="status">{uploading}</p>}

      <section aria-labelledby="recent-h">
        <h2 id="recent-h">Recent bundles</h2>
        {recent.data && recent.data.length === 0 && <p className="muted">Nothing opened yet. Start with a sample below.</p>}
        <ul className="cards">
          {recent.data?.map((b) => (
            <li key={b.ref} className="card">
              <button type="button" className="link" disabled={!b.available} onClick={() => run(openPath(b.path))}>
                {b.name}
              </button>
              <div className="muted small">{b.path}</div>
              <div className="muted small">opened {utc(b.openedAt)}{b.available ? '' : ' · no longer on disk'}</div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="samples-h">
        <h2 id="samples-h">Samples</h2>
        <p className="muted">Real bundles of the outages Rootline is built from.</p>
        <ul className="cards">
          {samples.data?.map((s) => (
            <li key={s.name} className="card">
              <button type="button" className="link" onClick={() => run(openPath(s.path))} data-testid={`sample-${s.name}`}>
                {s.title}
              </button>
              <div className="muted small">{s.name}</div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

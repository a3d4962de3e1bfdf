import type { ApiArgs, ApiMethod, ApiResult, JobState } from '../../../engine/api/surface';
import { ApiError } from './errors';
import type { Transport } from './transport';

/** The browser bridge: POST /api/<method>; the token travels in an HttpOnly cookie set by the bridge. */
export function httpTransport(base = ''): Transport {
  return {
    kind: 'browser',
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ args }),
        });
      } catch {
        throw new ApiError('unreachable', 'Rootline is not reachable. Is `rootline serve` still running?');
      }
      const body = (await res.json().catch(() => null)) as { ok: boolean; result?: unknown; error?: { code: string; message: string } } | null;
      if (!body) throw new ApiError('internal', `unexpected answer (${res.status})`);
      if (!body.ok) throw new ApiError(body.error?.code ?? 'internal', body.error?.message ?? `request failed (${res.status})`);
      return body.result as ApiResult<M>;
    },
    onJob(listener: (s: JobState) => void) {
      const es = new EventSource(`${base}/api/events`);
      es.addEventListener('job', (e) => listener(JSON.parse((e as MessageEvent<string>).data) as JobState));
      return () => es.close();
    },
    upload(file: File, onProgress?: (sent: number, total: number) => void) {
      // XMLHttpRequest, not fetch: it reports upload progress.
      return new Promise<string>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${base}/api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
        xhr.onload = () => {
          const body = JSON.parse(xhr.responseText || 'null') as { ok: boolean; result?: { path: string }; error?: { code: string; message: string } } | null;
          if (body?.ok && body.result) resolve(body.result.path);
          else reject(new ApiError(body?.error?.code ?? 'internal', body?.error?.message ?? `upload failed (${xhr.status})`));
        };
        xhr.onerror = () => reject(new ApiError('unreachable', 'upload failed: Rootline is not reachable'));
        xhr.send(file);
      });
    },
  };
}

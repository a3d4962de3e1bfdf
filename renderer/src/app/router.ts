/**
 * Hash routes, so the same build works from file:// (Electron) and http:// (bridge):
 *   #/                      home
 *   #/open/<jobId>          ingest in progress
 *   #/b/<ref>/<view>[/<id>][?query]
 */
import { useSyncExternalStore } from 'react';

export const VIEWS = ['overview', 'guide', 'timeline', 'file', 'search', 'sql', 'annotations', 'report'] as const;
export type ViewName = (typeof VIEWS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'open'; jobId: string }
  | { name: 'bundle'; ref: string; view: ViewName; id: string | null; params: URLSearchParams };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'open' && parts[1]) return { name: 'open', jobId: parts[1] };
  if (parts[0] === 'b' && parts[1]) {
    const view = (VIEWS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as ViewName) : 'overview';
    return { name: 'bundle', ref: parts[1], view, id: parts[3] ?? null, params: new URLSearchParams(query) };
  }
  return { name: 'home' };
}

export function href(ref: string, view: ViewName, id?: string | number | null, params?: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) q.set(k, String(v));
  const qs = q.toString();
  return `#/b/${encodeURIComponent(ref)}/${view}${id !== undefined && id !== null ? `/${encodeURIComponent(String(id))}` : ''}${qs ? `?${qs}` : ''}`;
}

export function navigate(to: string): void {
  if (window.location.hash !== to) window.location.hash = to;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

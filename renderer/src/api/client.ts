/**
 * The typed API for components: `api.overview(ref)`, `api.guide(ref)`… — the same in Electron and in
 * the browser; only the transport differs.
 */
import { API_METHODS, type ApiMethod, type RootlineApi } from '../../../engine/api/surface';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';

export function createApi(t: Transport): RootlineApi {
  const api = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const m of API_METHODS) api[m] = (...args: unknown[]) => t.call(m, args as never);
  return api as unknown as RootlineApi;
}

export const transport: Transport = window.rootline ? ipcTransport(window.rootline) : httpTransport();
export const api: RootlineApi = createApi(transport);
export { ApiError } from './errors';

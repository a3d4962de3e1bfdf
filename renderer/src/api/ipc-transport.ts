import type { ApiArgs, ApiMethod, ApiResult } from '../../../engine/api/surface';
import { ApiError } from './errors';
import type { PreloadBridge, Transport } from './transport';

/** Electron: the preload's contextBridge object; results come back as {ok, result | error}. */
export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
      const r = await bridge.call(method, args as unknown[]);
      if (!r.ok) throw new ApiError(r.error.code, r.error.message);
      return r.result as ApiResult<M>;
    },
    onJob: (l) => bridge.onJob(l),
    pickBundle: () => bridge.pickBundle(),
    saveFile: (name, text) => bridge.saveFile(name, text),
  };
}

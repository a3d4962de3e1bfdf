import { createContext, useContext, type ReactNode } from 'react';
import type { AnalysisReport } from '../../../engine/api/report-types';
import { api } from '../api/client';
import { ErrorState, Loading } from '../components/States';
import { useAsync } from './use-async';

export interface BundleState {
  ref: string;
  overview: AnalysisReport;
  reload: () => void;
}

const Ctx = createContext<BundleState | null>(null);

/** Loads a bundle's overview once for every view of that bundle. */
export function BundleProvider({ bundle, children }: { bundle: string; children: ReactNode }) {
  const { data, error, reload } = useAsync(() => api.overview(bundle), [bundle]);
  if (error && !data) {
    return (
      <div className="view">
        <ErrorState error={error} onRetry={reload} />
        <p>
          <a href="#/">Back to the start page</a> to open the bundle again.
        </p>
      </div>
    );
  }
  if (!data) return <Loading label="Opening bundle…" />;
  return <Ctx.Provider value={{ ref: bundle, overview: data, reload }}>{children}</Ctx.Provider>;
}

export function useBundle(): BundleState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useBundle outside a bundle route');
  return v;
}

import { guideWalk, UnknownEpisodeError, UnknownSymptomError } from '../guide/walk/walk';
import type { GuideWalk, SymptomId } from '../guide/walk/types';
import { prepareBundle, type AnalyzeOptions } from './analyze';
import { RootlineError } from './errors';

/** `rootline guide`: analyse (or reuse) the bundle, then walk from the symptom to the root cause. */
export async function guidePath(bundlePath: string, opts: AnalyzeOptions & { symptom?: SymptomId; episode?: string } = {}): Promise<GuideWalk> {
  const p = await prepareBundle(bundlePath, opts);
  try {
    return guideWalk(p.store, p.bundleId, opts.symptom, opts.episode);
  } catch (e) {
    if (e instanceof UnknownSymptomError || e instanceof UnknownEpisodeError) throw new RootlineError('bad-option', e.message);
    throw e;
  } finally {
    p.store.close();
  }
}

import { initial } from './001-initial';
import { signatureHits } from './002-signature-hits';
import { snapshots } from './003-snapshots';
import { lineIndex } from './004-line-index';
import { timelineIndexes } from './005-timeline-indexes';
import { search } from './006-search';
import { episodes } from './007-episodes';
import { logMetrics } from './008-log-metrics';
import { profiles } from './009-profiles';
import { pgActivity } from './010-pg-activity';
import { lineBlocks } from './011-line-blocks';
import type { Migration } from './types';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [initial, signatureHits, snapshots, lineIndex, timelineIndexes, search, episodes, logMetrics, profiles, pgActivity, lineBlocks];
export type { Migration };

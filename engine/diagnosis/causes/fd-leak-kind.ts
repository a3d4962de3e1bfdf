/**
 * What socket-leak and file-leak share: which descriptor growths are whose, who owns the EMFILE
 * errors, and when the descriptor table was full (after which accept fails and connections queue
 * unaccepted on the listener).
 */
import { FD_GROWTH, isSocketGrowth } from '../../signatures/net/fd-growth';
import { NODE_EMFILE } from '../../signatures/log/node-emfile';
import type { CauseContextApi, ItemOf } from '../types';

export type FdGrowthItem = ItemOf<typeof FD_GROWTH>;

export const socketGrowth = (ctx: CauseContextApi): FdGrowthItem[] => ctx.items(FD_GROWTH).filter((it) => isSocketGrowth(it.finding.data));
export const fileGrowth = (ctx: CauseContextApi): FdGrowthItem[] => ctx.items(FD_GROWTH).filter((it) => !isSocketGrowth(it.finding.data));

/**
 * EMFILE says the table is full, not what filled it: the errors belong to the kind that grew. With only
 * non-socket growth in the bundle they are file-leak's; otherwise (socket growth, or no snapshots to tell)
 * socket-leak's, as before snapshots could tell kinds apart.
 */
export function emfileOwner(ctx: CauseContextApi): 'socket' | 'file' {
  return fileGrowth(ctx).length > 0 && socketGrowth(ctx).length === 0 ? 'file' : 'socket';
}

export const emfileItems = (ctx: CauseContextApi) => ctx.items(NODE_EMFILE);

/**
 * A table this close to its limit is full for practical purposes: the few descriptors that still churn
 * (a connection closing, the next accept) are taken again at once, so opens fail in bursts from here on.
 */
const FULL_SHARE = 0.95;

/** When the process's descriptor table was full: its first snapshot at the limit, or its first EMFILE error; null when neither is seen. */
export function tableFullAt(growth: readonly FdGrowthItem[], emfile: readonly { occ: { ts: number | null; lineTs?: number | null } }[]): number | null {
  const times: number[] = [];
  for (const g of growth) {
    const d = g.finding.data;
    if (!d.limit) continue;
    const at = d.counts.find((c) => c.ts !== null && c.count >= d.limit! * FULL_SHARE);
    if (at?.ts != null) times.push(at.ts);
  }
  for (const e of emfile) {
    const t = e.occ.lineTs ?? e.occ.ts;
    if (t !== null && t !== undefined) times.push(t);
  }
  return times.length ? Math.min(...times) : null;
}

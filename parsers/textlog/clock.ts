/**
 * Dates for stamps that leave part of the date out: syslog and Android (`Nov 22 02:55:30`, no
 * year), klog (`I1122 …`), bare times of day. The year comes from the engine's reference day and
 * moves forward when the months wrap (Dec → Jan); a time of day moves to the next day when it
 * runs backwards by more than half a day.
 */
import { resolveTime, type ResolvedTime } from '../time';
import type { TimeContext } from '../types';

const DAY = 86_400_000;

export class Clock {
  private year: number | null = null;
  private lastMonth = 0;
  private dayShift = 0;
  private lastTod = -1;

  constructor(readonly ctx: TimeContext) {}

  /** Month/day/time without a year. Null when the engine has no reference day. */
  yearless(mo: number, d: number, h: number, mi: number, s: number, ms: number, zone?: string): ResolvedTime | null {
    const ref = this.ctx.referenceDay;
    if (ref === null) return null;
    if (this.year === null) {
      const r = new Date(ref);
      // A log from December read with a January reference day is last year's.
      this.year = mo > r.getUTCMonth() + 2 ? r.getUTCFullYear() - 1 : r.getUTCFullYear();
    } else if (mo < this.lastMonth - 6) this.year++;
    this.lastMonth = mo;
    return resolveTime(this.ctx, this.year, mo, d, h, mi, s, ms, zone);
  }

  /** A time of day on the reference day (plus the days it has rolled over). */
  timeOfDay(h: number, mi: number, s: number, ms: number): ResolvedTime | null {
    const ref = this.ctx.referenceDay;
    if (ref === null || h > 23 || mi > 59 || s > 60) return null;
    const tod = ((h * 60 + mi) * 60 + s) * 1000 + ms;
    if (this.lastTod >= 0 && tod < this.lastTod - DAY / 2) this.dayShift++;
    this.lastTod = tod;
    return { ts: ref + this.dayShift * DAY + tod, tq: 'assumed' };
  }
}

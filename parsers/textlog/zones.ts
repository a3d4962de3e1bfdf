/**
 * Zone abbreviations servers print after a time (PostgreSQL `%m`, `date`, syslog exports). Only
 * unambiguous ones: `CST` and `IST` mean different zones in different places, so they stay unknown
 * and the engine's assumed zone applies.
 */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  MSK: 180, KST: 540, JST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  HST: -600, AKST: -540, AKDT: -480, PST: -480, PDT: -420, MST: -420, MDT: -360, EST: -300, EDT: -240, CDT: -300,
};

/** Minutes east of UTC for an abbreviation, or null. */
export function abbreviationOffset(zone: string): number | null {
  return ABBREVIATIONS[zone] ?? null;
}

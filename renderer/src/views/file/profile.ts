/** The profile table's rows: one sample type, sorted by flat, cum or own-code share, optionally the program's own code only. */
import type { ProfileFunctionRow } from '../../../../engine/model/profile';

export type ProfileSort = 'flat' | 'cum' | 'app';

export function profileRows(rows: readonly ProfileFunctionRow[], type: string, sort: ProfileSort, appOnly: boolean): ProfileFunctionRow[] {
  return rows
    .filter((r) => r.sampleType === type && (!appOnly || r.isApp))
    .sort((a, b) => b[sort] - a[sort] || b.cum - a.cum || a.line - b.line);
}

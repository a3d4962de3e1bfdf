import { describe, expect, it } from 'vitest';
import type { ProfileFunctionRow } from '../../../../engine/model/profile';
import { profileRows } from './profile';

const row = (line: number, sampleType: string, name: string, flat: number, cum: number, app: number, isApp: boolean): ProfileFunctionRow => ({
  line, sampleType, rank: line, name, file: null, startLine: null, flat, cum, app, flatShare: null, cumShare: null, appShare: null, isApp,
});

describe('profileRows', () => {
  const rows = [
    row(1, 'samples', 'memeqbody', 25, 25, 0, false),
    row(2, 'cpu', 'memeqbody', 250, 250, 0, false),
    row(3, 'cpu', 'runtime.mallocgc', 220, 340, 0, false),
    row(4, 'cpu', 'main.normalizeTokens', 50, 1260, 1260, true),
    row(5, 'cpu', 'main.rebuildIndex', 0, 1260, 0, true),
  ];

  it('keeps one sample type and sorts by the chosen column, ties by cum then row', () => {
    expect(profileRows(rows, 'cpu', 'flat', false).map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(profileRows(rows, 'cpu', 'cum', false).map((r) => r.line)).toEqual([4, 5, 3, 2]);
    expect(profileRows(rows, 'cpu', 'app', false).map((r) => r.line)).toEqual([4, 5, 3, 2]);
  });

  it("shows only the program's own code when asked", () => {
    expect(profileRows(rows, 'cpu', 'flat', true).map((r) => r.name)).toEqual(['main.normalizeTokens', 'main.rebuildIndex']);
    expect(profileRows(rows, 'samples', 'flat', true)).toEqual([]);
  });
});

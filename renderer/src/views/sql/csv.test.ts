import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { resultCsv } from './csv';

describe('CSV export', () => {
  it('writes a header and rows, quoting what needs it and keeping NULL empty', () => {
    const csv = resultCsv(['id', 'message', 'n'], [
      [1, 'plain', null],
      [2, 'comma, "quoted"\nand a newline', 3.5],
    ]);
    expect(csv.split('\r\n')[0]).toBe('id,message,n');
    const back = Papa.parse<string[]>(csv, { newline: '\r\n' }).data;
    expect(back[1]).toEqual(['1', 'plain', '']);
    expect(back[2]).toEqual(['2', 'comma, "quoted"\nand a newline', '3.5']);
  });

  it('defuses cells a spreadsheet would run as formulas, also multi-line ones, but not negative numbers', () => {
    const csv = resultCsv(['v'], [['=HYPERLINK("http://x")'], ['+1'], ['@SUM(A1)'], ['-cmd'], ['=1\n2'], [-5]]);
    const back = Papa.parse<string[]>(csv, { newline: '\r\n' }).data.slice(1).map((r) => r[0]);
    expect(back).toEqual([`'=HYPERLINK("http://x")`, "'+1", "'@SUM(A1)", "'-cmd", "'=1\n2", '-5']);
  });
});

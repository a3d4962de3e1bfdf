import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  const result = {
    columns: ['id', 'message', 'level', 'blob'],
    rows: [
      [1, 'plain', 30, null],
      [2, 'has, comma and "quotes"', 50, new Uint8Array([0, 171, 255])],
      [3, 'two\nlines\r\nand CRLF', -5, null],
      [4, '=HYPERLINK("http://evil","x")', null, null],
      [5, '-Xmx512m +x @y', 10n, null],
    ],
  };

  it('writes a header row and quotes commas, quotes and newlines (RFC 4180)', () => {
    const csv = toCsv(result, { escapeFormulae: false });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,message,level,blob');
    expect(lines[1]).toBe('1,plain,30,');
    expect(lines[2]).toBe(`2,"has, comma and ""quotes""",50,X'00ABFF'`);
    // Read back with a CSV parser: every value survives.
    const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true }).data;
    expect(parsed[3]).toEqual(['3', 'two\nlines\r\nand CRLF', '-5', '']);
    expect(parsed[4]).toEqual(['4', '=HYPERLINK("http://evil","x")', '', '']);
    expect(parsed[5]).toEqual(['5', '-Xmx512m +x @y', '10', '']);
  });

  it('defuses spreadsheet formulas from log text by default, leaving numbers alone', () => {
    const parsed = Papa.parse<string[]>(toCsv(result), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(parsed[4]![1]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(parsed[5]![1]).toBe(`'-Xmx512m +x @y`);
    expect(parsed[3]![2]).toBe('-5');
  });

  it('writes the header alone for an empty result', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [] })).toBe('a,b\r\n');
    expect(toCsv({ columns: ['a'], rows: [[1]] })).toBe('a\r\n1\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { completionEntries, EXAMPLES } from './completion';

describe('SQL completion', () => {
  const tables = [
    { name: 'events', description: 'one row per record', columns: [{ name: 'ts', type: 'INTEGER', description: 'time' }, { name: 'file_id', type: 'INTEGER', description: '' }] },
    { name: 'files', description: '', columns: [{ name: 'id', type: 'INTEGER', description: '' }, { name: 'first_ts', type: 'INTEGER', description: 'first time' }] },
    { name: 'snapshots', description: '', columns: [{ name: 'file_id', type: 'INTEGER', description: 'the file' }] },
  ];
  const entries = completionEntries(tables);

  it('offers tables, then each column name once with the tables that have it', () => {
    expect(entries.filter((e) => e.kind === 'table').map((e) => e.label)).toEqual(['events', 'files', 'snapshots']);
    const fileId = entries.filter((e) => e.label === 'file_id');
    expect(fileId).toHaveLength(1);
    expect(fileId[0]!.detail).toContain('events, snapshots');
    expect(fileId[0]!.documentation).toContain('snapshots.file_id: the file');
  });

  it('adds functions and keywords after the schema', () => {
    const kinds = entries.map((e) => e.kind);
    expect(kinds.indexOf('function')).toBeGreaterThan(kinds.lastIndexOf('column'));
    expect(entries.some((e) => e.label === 'json_extract' && e.kind === 'function')).toBe(true);
    expect(entries.some((e) => e.label === 'GROUP BY' && e.kind === 'keyword')).toBe(true);
  });

  it('has examples that only read', () => {
    for (const ex of EXAMPLES) expect(ex.sql.trim()).toMatch(/^(SELECT|WITH)\b/i);
  });
});

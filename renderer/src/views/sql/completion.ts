/** Completion entries for the SQL editor from the schema. Pure, tested in completion.test.ts. */
import type { SqlTableInfo } from './result';

export type EntryKind = 'table' | 'column' | 'keyword' | 'function';

export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  detail: string;
  documentation: string;
}

export const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'LIKE', 'GLOB', 'BETWEEN', 'JOIN', 'LEFT JOIN',
  'ON', 'USING', 'GROUP BY', 'HAVING', 'ORDER BY', 'ASC', 'DESC', 'LIMIT', 'OFFSET', 'DISTINCT', 'AS', 'CASE', 'WHEN', 'THEN',
  'ELSE', 'END', 'WITH', 'UNION', 'UNION ALL', 'EXPLAIN QUERY PLAN', 'MATCH',
];

export const SQL_FUNCTIONS: [name: string, doc: string][] = [
  ['COUNT', 'rows in the group'],
  ['SUM', 'sum of the values'],
  ['AVG', 'average of the values'],
  ['MIN', 'smallest value'],
  ['MAX', 'largest value'],
  ['json_extract', "a value from JSON: json_extract(fields, '$.deltaMs')"],
  ['strftime', "format a time: strftime('%Y-%m-%dT%H:%M:%fZ', ts / 1000.0, 'unixepoch')"],
  ['datetime', "datetime(ts / 1000, 'unixepoch') — a UTC time from ms"],
  ['substr', 'part of a text'],
  ['length', 'length of a text'],
  ['lower', 'lower-case text'],
  ['instr', 'position of a text in another'],
  ['coalesce', 'the first value that is not NULL'],
  ['group_concat', 'the group’s values joined'],
  ['highlight', 'FTS5: the matched text marked (search_fts_<bundle> tables)'],
];

/** Tables, then columns (one entry per name, with the tables that have it), then functions and keywords. */
export function completionEntries(tables: readonly SqlTableInfo[]): CompletionEntry[] {
  const out: CompletionEntry[] = tables.map((t) => ({
    label: t.name,
    kind: 'table',
    detail: `table · ${t.columns.length} columns`,
    documentation: t.description,
  }));
  const cols = new Map<string, { types: Set<string>; tables: string[]; docs: string[] }>();
  for (const t of tables) {
    for (const c of t.columns) {
      const e = cols.get(c.name) ?? { types: new Set<string>(), tables: [], docs: [] };
      if (c.type) e.types.add(c.type);
      e.tables.push(t.name);
      if (c.description) e.docs.push(`${t.name}.${c.name}: ${c.description}`);
      cols.set(c.name, e);
    }
  }
  for (const [name, e] of cols) {
    const shownTables = e.tables.length > 3 ? `${e.tables.slice(0, 3).join(', ')} +${e.tables.length - 3}` : e.tables.join(', ');
    out.push({ label: name, kind: 'column', detail: `${[...e.types].join('/') || 'column'} · ${shownTables}`, documentation: e.docs.join('\n') });
  }
  for (const [name, doc] of SQL_FUNCTIONS) out.push({ label: name, kind: 'function', detail: 'function', documentation: doc });
  for (const k of SQL_KEYWORDS) out.push({ label: k, kind: 'keyword', detail: 'keyword', documentation: '' });
  return out;
}

export const EXAMPLES: { title: string; sql: string }[] = [
  { title: 'Records per kind and level', sql: 'SELECT kind, level, COUNT(*) AS n\nFROM all_events\nGROUP BY kind, level\nORDER BY n DESC\nLIMIT 50;' },
  {
    title: 'Errors per minute',
    sql: "SELECT strftime('%Y-%m-%d %H:%M', ts / 1000, 'unixepoch') AS minute, COUNT(*) AS errors\nFROM events WHERE level >= 50\nGROUP BY minute ORDER BY minute;",
  },
  {
    title: 'HikariCP housekeeper deltas, largest first',
    sql: "SELECT ts, json_extract(fields, '$.deltaMs') AS delta_ms, f.path, e.line\nFROM events e JOIN files f ON f.id = e.file_id\nWHERE e.kind = 'hikari.starvation'\nORDER BY delta_ms DESC;",
  },
  {
    title: 'Slowest requests (pino-http)',
    sql: "SELECT ms, line, line_text(file_id, offset, length) AS text FROM (\n  SELECT json_extract(fields, '$.responseTimeMs') AS ms, file_id, line, offset, length FROM events WHERE kind = 'http.request'\n  UNION ALL SELECT response_ms, file_id, line, offset, length FROM event_lines WHERE kind = 'http.request'\n  ORDER BY ms DESC LIMIT 20);",
  },
  {
    title: 'Descriptors per remote peer (lsof)',
    sql: "SELECT s.captured_at, d.remote, COUNT(*) AS n\nFROM fds d JOIN snapshots s ON s.id = d.snapshot_id\nWHERE d.fd_type IN ('IPv4', 'IPv6')\nGROUP BY s.id, d.remote ORDER BY n DESC;",
  },
  {
    title: 'Largest goroutine groups',
    sql: "SELECT s.captured_at, g.count, g.state, json_extract(g.frames, '$[0]') AS top\nFROM stack_groups g JOIN snapshots s ON s.id = g.snapshot_id\nWHERE s.kind = 'goroutine'\nORDER BY g.count DESC LIMIT 20;",
  },
  { title: 'Files by size', sql: 'SELECT path, kind, status, lines, records, skipped, note\nFROM files\nORDER BY lines DESC;' },
];

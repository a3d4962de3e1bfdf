/**
 * What the SQL console accepts, decided from the text before SQLite sees it: one statement, not
 * one of the statements that write (INSERT, DROP, BEGIN…), no ATTACH, only the pragmas that read,
 * no extension loading. This is the first of three locks — the query process also opens the file
 * read-only (with query_only on) and rejects any prepared statement that is not a reader or not
 * read-only — and the one that gives the clearest message.
 */

export type GuardCode = 'syntax' | 'not-read-only';

export interface GuardVerdict {
  code: GuardCode;
  message: string;
}

type Token = { type: 'word' | 'string' | 'ident' | 'number' | 'punct'; text: string };

/** SQLite's lexical structure, enough to find statement boundaries and keywords outside strings and comments. */
export function lexSql(sql: string): { tokens: Token[] } | { error: string } {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2; // SQLite accepts an unterminated block comment at the end
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(close, j);
        if (k < 0) return { error: `unterminated ${c === "'" ? 'string' : 'quoted name'} starting at ${sql.slice(i, i + 20)}` };
        if (close !== ']' && sql[k + 1] === close) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      tokens.push({ type: c === "'" ? 'string' : 'ident', text: sql.slice(i, j) });
      i = j;
    } else if (/[\p{L}_$]/u.test(c)) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{N}_$]/u.test(sql[j]!)) j++;
      tokens.push({ type: 'word', text: sql.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z_.]/.test(sql[j]!)) j++;
      tokens.push({ type: 'number', text: sql.slice(i, j) });
      i = j;
    } else {
      tokens.push({ type: 'punct', text: c });
      i++;
    }
  }
  return { tokens };
}

/** Pragmas that only report, without an argument. */
const READ_PRAGMAS = new Set([
  'application_id', 'auto_vacuum', 'cache_size', 'collation_list', 'compile_options', 'data_version', 'database_list', 'encoding',
  'foreign_key_check', 'foreign_keys', 'freelist_count', 'function_list', 'integrity_check', 'journal_mode', 'module_list',
  'page_count', 'page_size', 'pragma_list', 'quick_check', 'schema_version', 'table_list', 'user_version',
]);
/** Pragmas whose argument names what to report on (for others an argument sets a value). */
const READ_PRAGMAS_WITH_ARG = new Set([
  'foreign_key_check', 'foreign_key_list', 'index_info', 'index_list', 'index_xinfo', 'integrity_check', 'quick_check', 'table_info',
  'table_list', 'table_xinfo',
]);
/** Statements that are not queries; any other unknown first word goes to SQLite, whose syntax error is clearer. */
const NOT_QUERIES = new Set([
  'ALTER', 'ANALYZE', 'BEGIN', 'COMMIT', 'CREATE', 'DELETE', 'DROP', 'END', 'INSERT', 'REINDEX', 'RELEASE', 'REPLACE', 'ROLLBACK',
  'SAVEPOINT', 'UPDATE', 'UPSERT', 'VACUUM',
]);

const reject = (message: string): GuardVerdict => ({ code: 'not-read-only', message });

function checkPragma(tokens: Token[]): GuardVerdict | null {
  // PRAGMA [schema.]name [= value | (value)]
  let k = 1;
  if (tokens[k + 1]?.text === '.') k += 2;
  const name = tokens[k]?.text.toLowerCase();
  if (!name) return { code: 'syntax', message: 'PRAGMA needs a name' };
  const rest = tokens.slice(k + 1);
  if (rest.some((t) => t.text === '=')) return reject(`PRAGMA ${name} = … changes a setting; the console only reads`);
  if (rest.length > 0 && rest[0]!.text === '(') {
    if (!READ_PRAGMAS_WITH_ARG.has(name)) return reject(`PRAGMA ${name}(…) changes a setting; the console only reads`);
    return null;
  }
  if (rest.length > 0) return { code: 'syntax', message: `unexpected ${rest[0]!.text} after PRAGMA ${name}` };
  if (!READ_PRAGMAS.has(name)) return reject(`PRAGMA ${name} is not available in the console (the pragmas that only read are: ${[...READ_PRAGMAS].join(', ')})`);
  return null;
}

function checkOne(tokens: Token[]): GuardVerdict | null {
  const first = tokens[0]!.text.toUpperCase();
  if (first === 'EXPLAIN') {
    const rest = tokens[1]?.text.toUpperCase() === 'QUERY' && tokens[2]?.text.toUpperCase() === 'PLAN' ? tokens.slice(3) : tokens.slice(1);
    if (rest.length === 0) return { code: 'syntax', message: 'EXPLAIN needs a statement to explain' };
    return checkOne(rest);
  }
  if (first === 'PRAGMA') return checkPragma(tokens);
  if (first === 'ATTACH' || first === 'DETACH') return reject(`${first} is not allowed: the console reads this database only`);
  if (NOT_QUERIES.has(first)) return reject(`${first} is not a query; the console only reads (SELECT, WITH, VALUES, EXPLAIN, PRAGMA table_info(…))`);
  return null;
}

/** Null when the text may go to SQLite; otherwise why not. */
export function guardSql(sql: string): GuardVerdict | null {
  const lexed = lexSql(sql);
  if ('error' in lexed) return { code: 'syntax', message: lexed.error };
  const statements: Token[][] = [[]];
  for (const t of lexed.tokens) {
    if (t.type === 'punct' && t.text === ';') statements.push([]);
    else statements.at(-1)!.push(t);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return { code: 'syntax', message: 'nothing to run: type a SELECT' };
  if (nonEmpty.length > 1) return reject('one statement at a time: remove everything after the first ;');
  const tokens = nonEmpty[0]!;
  if (tokens.some((t) => t.type === 'word' && t.text.toLowerCase() === 'load_extension')) return reject('loading extensions is not allowed');
  return checkOne(tokens);
}

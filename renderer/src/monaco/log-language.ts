/**
 * A small Monarch tokenizer for log text: timestamps, levels, exception class names, `Caused by:`,
 * stack frames (`at …`, `... 12 more`, Go `file.go:123` frames) and goroutine headers. Pure data,
 * so the patterns are tested without a browser (log-language.test.ts).
 */
import type { languages } from 'monaco-editor/editor/editor.api';

export const LOG_LANGUAGE_ID = 'rootline-log';

/** Token names; theme.ts gives each a colour from the app's variables. */
export const LOG_TOKENS = {
  timestamp: 'log.timestamp',
  error: 'log.level.error',
  warn: 'log.level.warn',
  info: 'log.level.info',
  debug: 'log.level.debug',
  exception: 'log.exception',
  caused: 'log.caused',
  frame: 'log.frame',
  thread: 'log.thread',
} as const;

/** The patterns, exported for tests. None uses flags: Monarch compiles its own. */
export const LOG_PATTERNS = {
  /** Java `\tat com.x.Y.z(Y.java:12)`, `... 12 more`, `... 5 common frames omitted`, Go `\t/src/x.go:12 +0x1d fp=…`. */
  frame: /^\s+(?:at\s.*|\.\.\. \d+ (?:more|common frames omitted).*|\S+\.(?:go|s):\d+\b.*)$/,
  caused: /^(?:Caused by|Suppressed):/,
  /** `goroutine 42 [IO wait, 3 minutes]:` and jstack `"main" #1 prio=5 …` headers. */
  thread: /^(?:goroutine \d+ \[[^\]]*\]:|"[^"]*"(?= #\d+| daemon| prio=))/,
  /** ISO-8601 / Spring / logback (`T` or space, `.` or `,` millis, `Z`, offsets, ` UTC`), GC `[2026-…+0900]`. */
  isoTimestamp: /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}|\s?UTC)?/,
  /** syslog-style `Nov 22 04:16:55`. */
  syslogTimestamp: /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2}/,
  timeOnly: /\b\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?\b/,
  error: /\b(?:ERROR|FATAL|SEVERE|CRITICAL|PANIC|CRIT|ERR|EMERG|ALERT)\b|"level"\s*:\s*(?:50|60|"error"|"fatal")/,
  warn: /\b(?:WARN|WARNING)\b|"level"\s*:\s*(?:40|"warn")/,
  info: /\b(?:INFO|NOTICE|LOG)\b|"level"\s*:\s*(?:30|"info")/,
  debug: /\b(?:DEBUG|TRACE|FINE|FINER|FINEST|CONFIG)\b|"level"\s*:\s*(?:10|20|"debug"|"trace")/,
  /** `java.sql.SQLTransientConnectionException`, `IOException`, `OutOfMemoryError`, `Throwable`. */
  exception: /\b(?:[a-zA-Z_$][\w$]*\.)*[A-Z][\w$]*(?:Exception|Error|Throwable)\b/,
} as const;

/** Which token a pattern gives, in the order they are tried at each position of a line. */
export const LOG_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [LOG_PATTERNS.frame, LOG_TOKENS.frame],
  [LOG_PATTERNS.caused, LOG_TOKENS.caused],
  [LOG_PATTERNS.thread, LOG_TOKENS.thread],
  [LOG_PATTERNS.isoTimestamp, LOG_TOKENS.timestamp],
  [LOG_PATTERNS.syslogTimestamp, LOG_TOKENS.timestamp],
  [LOG_PATTERNS.timeOnly, LOG_TOKENS.timestamp],
  [LOG_PATTERNS.error, LOG_TOKENS.error],
  [LOG_PATTERNS.warn, LOG_TOKENS.warn],
  [LOG_PATTERNS.info, LOG_TOKENS.info],
  [LOG_PATTERNS.debug, LOG_TOKENS.debug],
  [LOG_PATTERNS.exception, LOG_TOKENS.exception],
];

export const logLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenizer: {
    root: [
      ...LOG_RULES.map(([re, token]) => [re, token] as languages.IMonarchLanguageRule),
      // Skip plain words and other characters quickly, so a rule never starts inside a word.
      [/[\w$]+/, ''],
      [/[^\w$\s]/, ''],
      [/\s+/, ''],
    ],
  },
};

export const logLanguageConfiguration: languages.LanguageConfiguration = {
  brackets: [
    ['[', ']'],
    ['(', ')'],
    ['{', '}'],
  ],
};

/**
 * Tokenizes a line the way Monarch would with these rules (first rule matching at the position
 * wins, else a word, a space run or one other character is skipped). Tests use it; the editor uses Monarch.
 */
export function tokenizeLogLine(line: string): { text: string; token: string }[] {
  const out: { text: string; token: string }[] = [];
  const skip = [/^[\w$]+/, /^[^\w$\s]/, /^\s+/];
  let pos = 0;
  while (pos < line.length) {
    const rest = line.slice(pos);
    let matched: { text: string; token: string } | null = null;
    for (const [re, token] of LOG_RULES) {
      if (re.source.startsWith('^') && pos > 0) continue;
      const m = new RegExp(`^(?:${re.source})`).exec(rest);
      // Monarch matches against the rest of the line, so `\b` sees nothing before the position.
      if (m && m[0].length > 0) {
        matched = { text: m[0], token };
        break;
      }
    }
    if (!matched) {
      for (const re of skip) {
        const m = re.exec(rest);
        if (m) {
          matched = { text: m[0], token: '' };
          break;
        }
      }
    }
    out.push(matched!);
    pos += matched!.text.length;
  }
  return out.filter((t) => t.token !== '');
}

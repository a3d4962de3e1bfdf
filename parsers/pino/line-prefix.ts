/**
 * What terminals and process managers add in front of a log line: ANSI colour codes (pino-pretty
 * `colorize`, docker compose) and the `name | ` column of foreman / heroku local, pm2 and docker
 * compose. Stripped before the line is read; the column's time of day is kept for lines that
 * carry no time of their own.
 */

/** CSI sequences (`ESC[31m`, `ESC[2K`, `ESC[?25l`) and the two-byte `ESC(B`-style charset switches. */
const ANSI = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][A-Za-z0-9])/g;

export function stripAnsi(s: string): string {
  return s.indexOf('\x1b') === -1 ? s : s.replace(ANSI, '');
}

export interface ProcessPrefix {
  /** The line after the `|` separator (its leading spaces kept: they carry indentation). */
  rest: string;
  /** Milliseconds since midnight printed by foreman (`4:29:48 PM web.1 | `), or null. */
  timeOfDayMs: number | null;
}

// foreman / heroku local: `4:29:48 PM web.1      | ` (12 h) or `16:29:48 web.1  | ` (24 h).
const FOREMAN = /^(\d{1,2}):(\d{2}):(\d{2})(?: ([AP]M))? [\w.:-]{1,64} *\|/;
// pm2 `pm2 logs`: `0|app      | `.
const PM2 = /^\d{1,4}\|[\w.@-]{1,64} *\|/;
// docker compose v1 `web_1  | `, v2 `web-1  | `; also `docker compose logs` with the same column.
const COMPOSE = /^[\w][\w.-]{0,63} +\|/;

/** The process-manager column of a line, or null when the line has none. */
export function stripProcessPrefix(s: string): ProcessPrefix | null {
  const bar = s.indexOf('|');
  if (bar <= 0 || bar > 96) return null;
  const c = s.charCodeAt(0);
  const digit = c >= 0x30 && c <= 0x39;
  if (digit) {
    const f = FOREMAN.exec(s);
    if (f) {
      let h = Number(f[1]) % (f[4] ? 12 : 24);
      if (f[4] === 'PM') h += 12;
      const tod = ((h * 60 + Number(f[2])) * 60 + Number(f[3])) * 1000;
      return { rest: s.slice(f[0].length), timeOfDayMs: Number(f[1]) <= 24 && Number(f[2]) < 60 ? tod : null };
    }
    const p = PM2.exec(s);
    if (p) return { rest: s.slice(p[0].length), timeOfDayMs: null };
  }
  const d = COMPOSE.exec(s);
  if (d) return { rest: s.slice(d[0].length), timeOfDayMs: null };
  return null;
}

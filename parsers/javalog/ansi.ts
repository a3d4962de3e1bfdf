/**
 * Console captures of Spring Boot (`spring.output.ansi.enabled=always`, `docker logs`) color the
 * level, thread and logger with ANSI escape sequences; they are removed before a line is read.
 */
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** The line without ANSI CSI sequences; the same string when it has none (one indexOf per line). */
export function stripAnsi(text: string): string {
  return text.indexOf('\u001b') < 0 ? text : text.replace(ANSI, '');
}

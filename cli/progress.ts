/** Ingest progress on stderr: one updating line on a terminal, a line per phase otherwise. */
import type { IngestProgress } from '../engine/ingest/progress';
import { bytes } from '../engine/report/format';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(p: IngestProgress): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  let lastPhase = '';
  let lastPlain = 0;
  let width = 0;
  const line = (p: IngestProgress) => {
    const secs = Math.max(p.elapsedMs / 1000, 0.001);
    const rate = `${bytes(p.bytes / secs)}/s`;
    const what = p.phase === 'reading' ? `reading ${p.file ?? ''}` : p.phase;
    return `${what} — ${p.files} files, ${bytes(p.bytes)}, ${p.lines.toLocaleString('en-US')} lines, ${p.records.toLocaleString('en-US')} records, ${rate}`;
  };
  return {
    update(p) {
      const text = line(p);
      if (tty) {
        const shown = text.length > 119 ? text.slice(0, 118) + '…' : text;
        stream.write('\r' + shown.padEnd(width));
        width = shown.length;
        return;
      }
      // Without a terminal: phase changes, and at most one line every 2 s.
      if (p.phase !== lastPhase || p.elapsedMs - lastPlain >= 2000) {
        stream.write(text + '\n');
        lastPhase = p.phase;
        lastPlain = p.elapsedMs;
      }
    },
    done() {
      if (tty && width) stream.write('\n');
    },
  };
}

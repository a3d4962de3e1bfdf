import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { analyzePath } from '../../engine/api/analyze';
import { analysisJson } from '../../engine/report/analysis-json';
import { analysisMarkdown } from '../../engine/report/analysis-markdown';
import { progressPrinter } from '../progress';
import { textReport } from '../text-report';

interface AnalyzeFlags {
  json?: boolean;
  out?: string;
  db?: string;
  tz?: string;
  force?: boolean;
  progress: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('ingest a bundle (folder, file, .zip, .tar, .tar.gz), detect failure signatures and rank root causes')
    .argument('<path>', 'bundle to analyse')
    .option('--json', 'print the analysis as JSON on stdout (progress stays on stderr)')
    .option('--out <file>', 'also write a Markdown report to <file>')
    .option('--db <file>', 'SQLite database to use (default: one per bundle under $ROOTLINE_HOME)')
    .option('--tz <zone>', 'time zone of logs that print none (IANA name like Asia/Seoul, or +09:00); default: guessed from the bundle')
    .option('--force', 're-read the bundle even if it is unchanged since the last analysis')
    .option('--no-progress', 'do not report progress on stderr')
    .action(async (path: string, flags: AnalyzeFlags) => {
      const progress = flags.progress ? progressPrinter() : null;
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        // A report has no timeline: its index is built when the bundle is first shown (rootline serve).
        const report = await analyzePath(path, { tz: flags.tz, db: flags.db, force: flags.force, signal: controller.signal, onProgress: progress?.update, timelineIndex: false });
        progress?.done();
        if (flags.out) {
          writeFileSync(flags.out, analysisMarkdown(report));
          process.stderr.write(`report written to ${flags.out}\n`);
        }
        process.stdout.write(flags.json ? JSON.stringify(analysisJson(report), null, 2) + '\n' : textReport(report));
      } finally {
        progress?.done();
        process.off('SIGINT', onSignal);
      }
    });
}

import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { RootlineError } from '../../engine/api/errors';
import { exportPostmortem } from '../../engine/report/postmortem/export';
import { progressPrinter } from '../progress';

interface ExportFlags {
  out?: string;
  anonymize?: boolean;
  mermaid?: boolean;
  title?: string;
  status?: string;
  severity?: string;
  author?: string[];
  db?: string;
  tz?: string;
  bundle?: string;
  force?: boolean;
  progress: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Front-matter values are one line of text; an empty or multi-line one is a usage error. */
function checkLine(flag: string, value: string | undefined): void {
  if (value !== undefined && (value.trim() === '' || /[\r\n]/.test(value))) throw new RootlineError('bad-option', `${flag}: expected one non-empty line of text`);
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the postmortem of an analysed bundle as Markdown (a bundle is analysed first; a .sqlite database is read as it is)')
    .argument('<bundle-or-db>', 'a bundle (folder, file, archive) or a Rootline database')
    .option('--out <file>', 'write the postmortem to <file> (default: stdout)')
    .option('--anonymize', 'replace host names, IP addresses, user ids and e-mail addresses with consistent tokens')
    .option('--mermaid', 'add a mermaid timeline diagram')
    .option('--title <text>', 'title (default: from the top root cause)')
    .option('--status <text>', 'status in the front matter (default: draft)')
    .option('--severity <text>', 'severity in the front matter (default: derived from the findings, SEV1..SEV4)')
    .addOption(new Option('--author <name>', 'an author (repeat for several)').argParser(collect))
    .option('--db <file>', 'SQLite database to analyse a bundle into (default: one per bundle under $ROOTLINE_HOME)')
    .option('--tz <zone>', 'time zone of logs that print none, when analysing a bundle (IANA name or +09:00)')
    .option('--bundle <path>', 'with a database: the bundle to export (default: the most recently analysed)')
    .option('--force', 're-read the bundle even if it is unchanged since the last analysis')
    .option('--no-progress', 'do not report progress on stderr')
    .action(async (path: string, flags: ExportFlags) => {
      checkLine('--title', flags.title);
      checkLine('--status', flags.status);
      checkLine('--severity', flags.severity);
      const authors = flags.author ?? [];
      for (const a of authors) checkLine('--author', a);
      const progress = flags.progress ? progressPrinter() : null;
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const r = await exportPostmortem({
          path, db: flags.db, tz: flags.tz, bundle: flags.bundle, force: flags.force, signal: controller.signal, onProgress: progress?.update,
          anonymize: flags.anonymize,
          render: { title: flags.title, status: flags.status, severity: flags.severity, authors, mermaid: flags.mermaid },
        });
        progress?.done();
        if (r.replaced) {
          const { host, ip, user, email } = r.replaced;
          process.stderr.write(`anonymised: ${host} host names, ${ip} IP addresses, ${user} user ids, ${email} e-mail addresses\n`);
        }
        if (flags.out) {
          try {
            writeFileSync(flags.out, r.markdown);
          } catch (e) {
            throw new RootlineError('internal', `${flags.out}: cannot write the postmortem (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
          }
          process.stderr.write(`postmortem written to ${flags.out}\n`);
        } else {
          process.stdout.write(r.markdown);
        }
      } finally {
        progress?.done();
        process.off('SIGINT', onSignal);
      }
    });
}

import type { Command } from 'commander';
import { guidePath } from '../../engine/api/guide';
import { SYMPTOM_IDS, type SymptomId } from '../../engine/guide/walk/types';
import { guideText } from '../guide-text';
import { progressPrinter } from '../progress';

export function registerGuide(program: Command): void {
  program
    .command('guide')
    .description('walk from the symptom to the likely root cause, every step with its evidence')
    .argument('<path>', 'bundle to analyse (reuses its database when unchanged)')
    .option('--symptom <id>', `start from this symptom instead of the one the data suggests: ${SYMPTOM_IDS.join(', ')}`)
    .option('--episode <id>', 'walk this incident episode (E1, E2 …) instead of the one with the most confident cause')
    .option('--json', 'print the walk as JSON')
    .option('--db <file>', 'SQLite database to use')
    .option('--tz <zone>', 'time zone of logs that print none')
    .option('--no-progress', 'do not report progress on stderr')
    .action(async (path: string, flags: { symptom?: SymptomId; episode?: string; json?: boolean; db?: string; tz?: string; progress: boolean }) => {
      const progress = flags.progress ? progressPrinter() : null;
      try {
        const walk = await guidePath(path, { symptom: flags.symptom, episode: flags.episode, db: flags.db, tz: flags.tz, onProgress: progress?.update });
        progress?.done();
        process.stdout.write(flags.json ? JSON.stringify(walk, null, 2) + '\n' : guideText(walk));
      } finally {
        progress?.done();
      }
    });
}

import type { Migration } from './types';

/**
 * Ordinary log lines kept as lnav keeps them: per line its id, time, level, kind, process id,
 * response time and place in the file, as columns of a block of up to 4,096 lines
 * (store/line-block-codec.ts); the text stays in the file. Records of note stay `events` rows.
 * `min_ts`/`max_ts` bound the block's timed lines (NULL when none) so a time window finds its blocks.
 */
export const lineBlocks: Migration = {
  version: 11,
  name: 'line-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE line_blocks (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        first_id INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        first_line INTEGER NOT NULL,
        last_line INTEGER NOT NULL,
        n INTEGER NOT NULL,
        min_ts INTEGER,
        max_ts INTEGER,
        data BLOB NOT NULL
      );
      CREATE INDEX line_blocks_file ON line_blocks(file_id, first_line);
      CREATE INDEX line_blocks_ids ON line_blocks(first_id);
    `);
  },
};

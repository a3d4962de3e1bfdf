import type { Migration } from './types';

/**
 * Sparse line → byte offset checkpoints (every LINE_INDEX_STEP lines) written while a file streams
 * by, so any line of a file of any size can be read back with one seek and a short scan.
 */
export const lineIndex: Migration = {
  version: 4,
  name: 'line-index',
  up(db) {
    db.exec(`
      CREATE TABLE line_index (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        offset INTEGER NOT NULL,
        PRIMARY KEY (file_id, line)
      ) WITHOUT ROWID;
    `);
  },
};

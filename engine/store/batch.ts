import type { Statement } from 'better-sqlite3';
import type { DB } from './open';

/** Buffered inserts committed in transactions of `size` rows. */
export class BatchInsert<P extends unknown[]> {
  private rows: P[] = [];
  private readonly stmt: Statement<P>;
  private readonly tx: (rows: P[]) => void;

  constructor(db: DB, sql: string, private readonly size = 5000) {
    this.stmt = db.prepare<P>(sql);
    this.tx = db.transaction((rows: P[]) => {
      for (const r of rows) this.stmt.run(...r);
    });
  }

  add(...row: P): void {
    this.rows.push(row);
    if (this.rows.length >= this.size) this.flush();
  }

  flush(): void {
    if (this.rows.length === 0) return;
    this.tx(this.rows);
    this.rows = [];
  }
}

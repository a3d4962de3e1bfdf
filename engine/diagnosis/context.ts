/** The bundle's findings as rules read them: by signature id, each with its numbered items. */
import type { FindingDraft } from '../model/finding';
import type { FindingOf, SignatureId } from '../signatures';
import type { CauseContextApi, Item, ItemOf } from './types';

export class CauseContext implements CauseContextApi {
  private readonly findingsBy = new Map<string, FindingDraft[]>();
  private readonly itemsBy = new Map<string, Item[]>();
  /** Every item of every finding, numbered in the order of `findings`. */
  readonly allItems: Item[] = [];

  constructor(readonly findings: readonly FindingDraft[]) {
    for (const f of findings) {
      push(this.findingsBy, f.signature, f);
      for (const occ of f.occurrences) {
        const item = { key: this.allItems.length, sig: f.signature, occ, finding: f, severity: f.severity } as Item;
        this.allItems.push(item);
        push(this.itemsBy, f.signature, item);
      }
    }
  }

  of<K extends SignatureId>(id: K): FindingOf<K>[] {
    return (this.findingsBy.get(id) ?? []) as FindingOf<K>[];
  }

  items<K extends SignatureId>(id: K): ItemOf<K>[] {
    return (this.itemsBy.get(id) ?? []) as unknown as ItemOf<K>[];
  }

  has(id: SignatureId): boolean {
    return this.findingsBy.has(id);
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

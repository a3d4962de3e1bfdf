import { describe, expect, it } from 'vitest';
import { Store } from '.';
import { AnnotationError } from './annotations';

describe('AnnotationRepo', () => {
  it('creates, lists in time order, edits and deletes notes', () => {
    const store = Store.open(':memory:');
    const b = store.bundles.ensure('/bundle', 'bundle');
    const later = store.annotations.create(b.id, { marker: 'repair', text: 'restarted the instance', ts: 2000 }, 10);
    const range = store.annotations.create(b.id, { marker: 'key', text: 'JVM frozen', ts: 1000, tsEnd: 1500 }, 11);
    const onLine = store.annotations.create(b.id, { marker: 'diagnosis', text: 'housekeeper 73 s late', filePath: 'logs/app.log', line: 2092, ts: 1200 }, 12);
    expect(store.annotations.list(b.id).map((a) => a.text)).toEqual(['JVM frozen', 'housekeeper 73 s late', 'restarted the instance']);
    const edited = store.annotations.update(onLine.id, { text: 'housekeeper 1 min 13 s late', marker: 'key' }, 20);
    expect(edited).toMatchObject({ text: 'housekeeper 1 min 13 s late', marker: 'key', createdAt: 12, updatedAt: 20, filePath: 'logs/app.log', line: 2092 });
    expect(store.annotations.delete(later.id)).toBe(true);
    expect(store.annotations.delete(later.id)).toBe(false);
    expect(store.annotations.list(b.id).map((a) => a.id)).toEqual([range.id, onLine.id]);
  });

  it('rejects what cannot be shown: no text, no anchor, unknown marker, backwards range', () => {
    const store = Store.open(':memory:');
    const b = store.bundles.ensure('/bundle', 'bundle');
    expect(() => store.annotations.create(b.id, { marker: 'note', text: '  ', ts: 1 })).toThrow(AnnotationError);
    expect(() => store.annotations.create(b.id, { marker: 'note', text: 'x' })).toThrow(/needs a time or a file line/);
    expect(() => store.annotations.create(b.id, { marker: 'bogus' as 'note', text: 'x', ts: 1 })).toThrow(/unknown marker/);
    expect(() => store.annotations.create(b.id, { marker: 'note', text: 'x', ts: 5, tsEnd: 1 })).toThrow(/ends before it starts/);
  });
});

import { describe, expect, it } from 'vitest';
import { normaliseClassName } from './class-names';
import { parseHistogramLine } from './histogram-line';

describe('normaliseClassName', () => {
  it.each([
    ['[C', 'char[]'],
    ['[[I', 'int[][]'],
    ['[Z', 'boolean[]'],
    ['[Ljava.lang.String;', 'java.lang.String[]'],
    ['[[Ljava.lang.Object;', 'java.lang.Object[][]'],
    ['Ljava/util/LinkedList$Node;', 'java.util.LinkedList$Node'],
    ['[Ljava/lang/String;', 'java.lang.String[]'],
    ['java.lang.String', 'java.lang.String'],
    ['<methodKlass>', '<methodKlass>'],
    ['* MethodKlass', '* MethodKlass'],
    ['char[]', 'char[]'],
    ['[Q', '[Q'],
    ['Lambda$1/0x0000000800c0b000', 'Lambda$1/0x0000000800c0b000'],
  ])('%s → %s', (raw, name) => {
    expect(normaliseClassName(raw)).toBe(name);
  });
});

describe('parseHistogramLine', () => {
  it('reads every table dialect', () => {
    expect(parseHistogramLine('  11:         395864        9500736  java.lang.String (java.base@10)   ')).toEqual({
      kind: 'row', jvmkill: false,
      row: { rank: 11, instances: 395864, bytes: 9500736, className: 'java.lang.String', rawName: 'java.lang.String', module: 'java.base@10' },
    });
    expect(parseHistogramLine('Total : \t183155\t16330872')).toEqual({ kind: 'total', instances: 183155, bytes: 16330872 });
    expect(parseHistogramLine('num \t  #instances\t#bytes\tClass description')).toEqual({ kind: 'header', sa: true, jvmkill: false });
    expect(parseHistogramLine('| Instance Count | Total Bytes | Class Name |')).toEqual({ kind: 'header', sa: false, jvmkill: true });
    expect(parseHistogramLine('| 5754360 | 239765 | Ljava/util/LinkedList$Node;')).toMatchObject({ kind: 'row', row: { className: 'java.util.LinkedList$Node' } });
    expect(parseHistogramLine('......')).toEqual({ kind: 'elision' });
    expect(parseHistogramLine('  16:')).toBeNull();
    expect(parseHistogramLine('2016-01-01T06:54:06.773+0100: 11662.232: [Full GC')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { codeSpans } from './text';

describe('codeSpans', () => {
  it('splits backticked spans out of plain text', () => {
    expect(codeSpans('Two `jmap -histo PID` taken apart')).toEqual([
      { text: 'Two ', code: false },
      { text: 'jmap -histo PID', code: true },
      { text: ' taken apart', code: false },
    ]);
    expect(codeSpans('no code')).toEqual([{ text: 'no code', code: false }]);
    expect(codeSpans('an odd ` tick')).toEqual([{ text: 'an odd ` tick', code: false }]);
    expect(codeSpans('')).toEqual([]);
  });
});

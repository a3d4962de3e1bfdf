import { describe, expect, it } from 'vitest';
import { newStamp, readStamp } from './stamp';

function read(text: string) {
  const s = newStamp();
  return readStamp(text, 0, s) ? { ...s, rest: text.slice(s.end) } : null;
}

describe('readStamp', () => {
  it.each([
    ['2021-01-31 07:13:55.627  WARN', { date: true, y: 2021, mo: 1, d: 31, h: 7, mi: 13, s: 55, ms: 627, zone: undefined, rest: '  WARN' }],
    ['2024-02-27 13:57:51,819UTC WARN', { y: 2024, ms: 819, zone: 'UTC', rest: ' WARN' }],
    ['2016-09-26T04:12:25.316+0300\tDEBUG', { h: 4, ms: 316, zone: '+03:00', rest: '\tDEBUG' }],
    ['2022-11-25T10:49:32.404+08:00  INFO', { zone: '+08:00', rest: '  INFO' }],
    ['2024-05-01T10:00:00.123456789Z [main]', { ms: 123, zone: 'Z', rest: ' [main]' }],
    ['2020-09-20 01:28:56, +05:30] []', { s: 56, ms: 0, zone: '+05:30', rest: '] []' }],
    ['2021-08-13 20:16:15 [HikariPool-1 housekeeper]', { s: 15, ms: 0, zone: undefined }],
    ['2025-01-23 09:20:45.004[ WARN]', { ms: 4, rest: '[ WARN]' }],
    ['2015-07-29 17:41:44,747 - INFO', { ms: 747, zone: undefined, rest: ' - INFO' }],
    ['2024-01-01 12:00:00 -0500 x', { zone: '-05:00', rest: ' x' }],
    ['2024-01-01 12:00:00 GMT+08:00 x', { zone: '+08:00', rest: ' x' }],
    ['2024/03/01 08:00:00.5 INFO', { y: 2024, mo: 3, ms: 500 }],
    ['22-Nov-2026 02:55:30.123 SEVERE [main]', { y: 2026, mo: 11, d: 22, h: 2, ms: 123 }],
    ['17/06/09 20:10:40 INFO', { y: 2017, mo: 6, d: 9, h: 20 }],
    ['13:28:21,219 DEBUG', { date: false, h: 13, mi: 28, s: 21, ms: 219 }],
    ['12:20:46 [SEVERE]', { date: false, h: 12, ms: 0 }],
    ['Nov 22, 2026 2:55:30 PM org.apache.catalina.startup.Catalina start', { y: 2026, mo: 11, d: 22, h: 14, mi: 55, rest: ' org.apache.catalina.startup.Catalina start' }],
    ['Nov 2, 2026 12:05:00 AM x', { d: 2, h: 0 }],
  ])('%j', (text, want) => {
    expect(read(text)).toMatchObject(want);
  });

  it.each(['2,398,221 milliseconds', '83.149.9.216 - -', '2024-13-01 00:00:00', '2024-01-01', '25:61:00', '12:20', 'at com.x.Y', '1604486775436', '2024-01-01 12:00:00.1234567890'])(
    'rejects %j',
    (text) => {
      expect(read(text)).toBeNull();
    },
  );
});

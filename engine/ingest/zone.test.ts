import { describe, expect, it } from 'vitest';
import { chooseZone, parseZone, programStem, siblingOffset, utcToWall, wallToUtc, zoneHintsFromHead, ZoneError } from './zone';

describe('zone', () => {
  it('converts wall-clock times with DST per row', () => {
    const berlin = wallToUtc(parseZone('Europe/Berlin'));
    expect(berlin(Date.UTC(2026, 0, 15, 12, 0))).toBe(Date.UTC(2026, 0, 15, 11, 0)); // CET
    expect(berlin(Date.UTC(2026, 6, 15, 12, 0))).toBe(Date.UTC(2026, 6, 15, 10, 0)); // CEST
    expect(wallToUtc(parseZone('+09:00'))(Date.UTC(2021, 0, 31, 7, 13, 48))).toBe(Date.UTC(2021, 0, 30, 22, 13, 48));
    expect(utcToWall(parseZone('Asia/Seoul'), Date.UTC(2021, 0, 30, 22, 0))).toBe(Date.UTC(2021, 0, 31, 7, 0));
  });

  it('rejects an unknown zone with a message saying what to use', () => {
    expect(() => parseZone('Mars/Olympus')).toThrow(ZoneError);
    expect(() => parseZone('Mars/Olympus')).toThrow(/IANA name/);
  });

  it('reads offsets printed in file heads, including the separate ", +05:30" form', () => {
    const h = zoneHintsFromHead('logs/gc.log', ['[2021-01-31T07:13:48.441+0900][0.012s][info][gc] Using G1', '[2020-09-20 01:28:56, +05:30] [] x']);
    expect([...h.offsets.entries()]).toEqual([[540, 1], [330, 1]]);
  });

  it('chooses flag > timezone file > most common printed offset > UTC, and says why', () => {
    const gc = { path: 'logs/gc.log', hints: zoneHintsFromHead('logs/gc.log', ['2021-01-31T07:13:48.441+0900: 1.2: [GC']) };
    expect(chooseZone('Asia/Seoul', [gc])).toEqual({ zone: 'Asia/Seoul', source: '--tz option' });
    expect(chooseZone(undefined, [gc, { path: 'etc/timezone', hints: zoneHintsFromHead('etc/timezone', ['Europe/Paris']) }]).zone).toBe('Europe/Paris');
    expect(chooseZone(undefined, [gc])).toEqual({ zone: 'UTC+9', source: 'offset +09:00 printed in logs/gc.log' });
    expect(chooseZone(undefined, []).source).toMatch(/assumed UTC/);
  });

  it("reads the offset of an access log and gives it to the same program's zone-less error log", () => {
    // samples/node-event-loop-blocked/bundle/logs/nginx-access.log and nginx-error.log (nginx 1.22, +05:30)
    const access = { path: 'logs/nginx-access.log', hints: zoneHintsFromHead('logs/nginx-access.log', ['127.0.0.1 - - [07/Dec/2026:19:50:36 +0530] "GET /api/v1/profiles/10178 HTTP/1.1" 200 89 "-" "-" req_id=1e56c971b6bd5c5b77cbb8ec094bca8a rt=0.022']) };
    const error = { path: 'logs/nginx-error.log', hints: zoneHintsFromHead('logs/nginx-error.log', ['2026/12/07 19:52:03 [error] 13214#13214: *5 recv() failed (104: Connection reset by peer) while reading response header from upstream']) };
    const app = { path: 'logs/profile-api.log', hints: zoneHintsFromHead('logs/profile-api.log', ['{"level":30,"time":1796649036000,"msg":"x"}']) };
    expect([...access.hints.offsets]).toEqual([[330, 1]]);
    expect(error.hints.offsets.size).toBe(0);
    expect(programStem('logs/nginx-access.log.1')).toBe('nginx');
    expect(siblingOffset('logs/nginx-error.log', [access, error, app])).toEqual({ minutes: 330, from: 'logs/nginx-access.log' });
    expect(siblingOffset('logs/profile-api.log', [access, error, app])).toBeNull();
  });
});

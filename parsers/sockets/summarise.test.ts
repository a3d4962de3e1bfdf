import { describe, expect, it } from 'vitest';
import { parseFixture, parseText } from '../../test/support/parse-fixture';
import type { SocketRecord, SocketRow } from './model';
import { netstatParser } from './netstat-parser';
import { ssParser } from './ss-parser';
import { summariseSockets } from './summarise';

const rows = (recs: SocketRecord[]) => recs.filter((r): r is SocketRow => r.type === 'socket');

describe('summariseSockets', () => {
  it('jetty: CLOSE_WAIT on the server port, Recv-Q stuck at 144', () => {
    const s = summariseSockets(rows(parseFixture(netstatParser, 'corpus/ss/issue-jetty-2169-netstat-anp-v4mapped.txt').records));
    expect(s.total).toBe(8);
    expect(s.byState).toEqual({ LISTEN: 1, CLOSE_WAIT: 7 });
    expect(s.byLocalPort).toEqual([{ port: 8888, count: 7, closeWait: 7 }]);
    expect(s.byPeer).toHaveLength(7); // the listener and its `:::*` peer are left out
    expect(s.byRemoteHost[0]).toMatchObject({ peer: '172.31.14.28', count: 2, closeWait: 2, recvQ: 288 });
    expect(s.byProcess).toEqual([{ pid: 22664, process: 'java', count: 8, closeWait: 7 }]);
    expect(s.recvQTotal).toBe(7 * 144);
    expect(s.queues[0]).toMatchObject({ recvQMax: 144, samples: 1 });
  });

  it('openfortivpn: CLOSE_WAITs toward one redacted peer, per process', () => {
    const s = summariseSockets(rows(parseFixture(netstatParser, 'corpus/ss/issue-openfortivpn-540-netstat-anp-redacted.txt').records));
    expect(s.byPeer[0]).toMatchObject({ peer: 'x.x.x.x:11542', count: 5, closeWait: 5 });
    expect(s.byProcess.map((p) => [p.pid, p.count])).toEqual([[5763, 3], [7458, 2], [7505, 1]]);
  });

  it('totals and maxima per connection across snapshots', () => {
    const text = [
      '# captured 2026-11-22T07:00:00Z', 'ESTAB  0      0  10.0.1.5:7000  10.0.2.9:51544',
      '# captured 2026-11-22T07:00:30Z', 'ESTAB  65536  0  10.0.1.5:7000  10.0.2.9:51544',
      '# captured 2026-11-22T07:01:00Z', 'ESTAB  131072 0  10.0.1.5:7000  10.0.2.9:51544', 'ESTAB  0      0  10.0.1.5:7000  10.0.2.7:40110',
    ].join('\n');
    const s = summariseSockets(rows(parseText(ssParser, text).records));
    expect(s.queues[0]).toEqual({ key: 'tcp|10.0.1.5:7000|10.0.2.9:51544', local: '10.0.1.5:7000', remote: '10.0.2.9:51544', samples: 3, recvQTotal: 196608, recvQMax: 131072, sendQTotal: 0, sendQMax: 0, recvQMaxLine: 6, lastState: 'ESTABLISHED' });
    expect(s.queues[1]).toMatchObject({ samples: 1, recvQMax: 0 });
  });
});

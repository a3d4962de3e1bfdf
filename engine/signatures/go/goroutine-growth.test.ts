/**
 * goroutine-growth on three debug=2 captures of a real Go service (parsers/goroutine/__fixtures__/collector-debug2.txt,
 * made by its make-fixtures.sh): the service's own client leaks response bodies (persistConn readLoop/writeLoop
 * 7 → 12 → 18) into its own server, whose net/http.(*conn).serve goroutines grow alongside (8 → 13 → 19). The
 * client's loops are goroutines this code leaks; the server's are its clients' open connections, not its leak.
 */
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../analysis/analyze';
import { ingestFiles } from '../../../test/support/ingest-files';
import { SIGNATURES, type FindingOf } from '..';
import { GOROUTINE_GROWTH, isServerConnection } from './goroutine-growth';

const COLLECTOR = new URL('../../../parsers/goroutine/__fixtures__/collector-debug2.txt', import.meta.url).pathname;

describe('goroutine-growth', () => {
  it('reports the leaked client loops, not the server goroutines of the connections they hold open', async () => {
    const { store, bundleId } = await ingestFiles({ 'dumps/goroutines.txt': COLLECTOR });
    const r = analyzeBundle(store, bundleId, SIGNATURES);
    const growth = r.findings.filter((f) => f.signature === GOROUTINE_GROWTH) as unknown as FindingOf<typeof GOROUTINE_GROWTH>[];
    expect(growth.map((f) => [f.data.frame.split(' ')[0], f.data.counts])).toEqual([
      ['net/http.(*persistConn).readLoop', [7, 12, 18]],
      ['net/http.(*persistConn).writeLoop', [7, 12, 18]],
    ]);
  });

  it('tells server connection goroutines by their frame', () => {
    expect(isServerConnection('net/http.(*conn).serve /usr/lib/go-1.19/src/net/http/server.go:1991')).toBe(true);
    expect(isServerConnection('net/http.(*http2serverConn).serve /go/src/net/http/h2_bundle.go:4700')).toBe(true);
    expect(isServerConnection('net/http.(*persistConn).readLoop /usr/lib/go-1.19/src/net/http/transport.go:2213')).toBe(false);
    expect(isServerConnection('main.(*server).handle /app/main.go:40')).toBe(false);
  });
});

import type { Signature } from '../types';
import { taggedGroupFindings, type TaggedGrowthData } from './tagged-growth';

export const HTTP_BODY_LEAK = 'http-body-leak';

export const httpBodyLeak: Signature<typeof HTTP_BODY_LEAK, TaggedGrowthData> = {
  id: HTTP_BODY_LEAK,
  title: 'HTTP client connections pile up (response bodies not closed)',
  severity: 'high',
  explanation:
    'Each net/http client connection runs a persistConn.readLoop and writeLoop goroutine. When they keep growing, connections are ' +
    'not returned for reuse: response bodies are not read to the end and closed, so every request opens a new connection and ' +
    'leaves two goroutines and a socket behind.',
  fix:
    'After every request: `defer resp.Body.Close()` and drain the body (`io.Copy(io.Discard, resp.Body)`) before closing; use one ' +
    'tuned http.Client with timeouts (Timeout, Transport.IdleConnTimeout, MaxIdleConnsPerHost) instead of the default client.',
  references: ['https://pkg.go.dev/net/http#Client.Do', 'https://blog.cloudflare.com/the-complete-guide-to-golang-net-http-timeouts/'],
  detect(ctx) {
    return taggedGroupFindings(this, ctx, 'http-body-leak', 100, (totals, dumps) => ({
      title: `net/http connection goroutines grew to ${totals.at(-1)}`,
      summary: `persistConn.readLoop/writeLoop goroutines went ${totals.join(' → ')} across ${dumps} dumps: client connections are opened and never released.`,
    }));
  },
};

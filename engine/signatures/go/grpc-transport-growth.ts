import type { Signature } from '../types';
import { taggedGroupFindings, type TaggedGrowthData } from './tagged-growth';

export const GRPC_TRANSPORT_GROWTH = 'grpc-transport-growth';

export const grpcTransportGrowth: Signature<typeof GRPC_TRANSPORT_GROWTH, TaggedGrowthData> = {
  id: GRPC_TRANSPORT_GROWTH,
  title: 'gRPC transport goroutines keep growing (client connections not closed)',
  severity: 'high',
  explanation:
    'Every gRPC ClientConn runs its own transport reader, writer and keepalive goroutines and holds a TCP connection. When their ' +
    'number grows with traffic, connections are dialed per call and never closed — each one a leaked socket and descriptor.',
  fix: 'Dial one ClientConn per target at startup and share it (it multiplexes calls); if a connection must be per call, `defer conn.Close()`.',
  references: ['https://pkg.go.dev/google.golang.org/grpc#ClientConn', 'https://grpc.io/docs/guides/performance/'],
  detect(ctx) {
    return taggedGroupFindings(this, ctx, 'grpc-transport', 200, (totals, dumps) => ({
      title: `gRPC transport goroutines grew to ${totals.at(-1)}`,
      summary: `gRPC transport goroutines went ${totals.join(' → ')} across ${dumps} dumps: ClientConns are created and not closed.`,
    }));
  },
};

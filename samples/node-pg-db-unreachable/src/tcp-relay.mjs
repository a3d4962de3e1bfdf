// The database's network path: a plain TCP relay in front of PostgreSQL (as a pgbouncer-less proxy, a cloud SQL
// proxy or a NAT gateway sits on the way), listening on 127.0.0.1:RELAY_PORT and piping every connection to
// 127.0.0.1:PGPORT. make.sh stops it with SIGSTOP to make the path black-hole traffic: the kernel still completes
// new TCP handshakes into its listen backlog, but nothing is read or forwarded until SIGCONT. Logs nothing.
import net from 'node:net';

const relayPort = Number(process.env.RELAY_PORT ?? 54470);
const pgPort = Number(process.env.PGPORT ?? 54469);

net
  .createServer((client) => {
    const upstream = net.connect(pgPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  })
  .listen(relayPort, '127.0.0.1');

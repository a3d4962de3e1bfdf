package com.example.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer-side client program: one TCP connection to the relay, a heartbeat every second (each send
 * logged, as the real client did), DATA records at a fixed rate, and a reader for the server's ACKs. When
 * the connection is lost it reconnects after 2 s. Writes go to the socket's send buffer: a write "succeeds"
 * as soon as the kernel has the bytes, whether or not the server ever reads them.
 */
final class RelayClient {
    private static final Logger log = LoggerFactory.getLogger(RelayClient.class);

    private final String id;
    private final InetSocketAddress server;
    private final double recordsPerSecond;
    private final int recordBytes;
    private final boolean logHeartbeats;
    private final long deadline;

    private final ConcurrentSkipListMap<Long, Long> unacked = new ConcurrentSkipListMap<>();
    private long hbSeq;
    private long dataSeq;
    private volatile Socket socket;
    private volatile OutputStream out;

    RelayClient(String id, InetSocketAddress server, double recordsPerSecond, int recordBytes, boolean logHeartbeats, long deadline) {
        this.id = id;
        this.server = server;
        this.recordsPerSecond = recordsPerSecond;
        this.recordBytes = recordBytes;
        this.logHeartbeats = logHeartbeats;
        this.deadline = deadline;
    }

    /** Runs until the deadline: connect, start the senders, read ACKs; reconnect when the connection drops. */
    void run() throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(server, 3000);
                socket = s;
                out = s.getOutputStream();
                unacked.clear();
                send("HELLO " + id);
                log.info("{}: connected to {} from {}", id, server, s.getLocalSocketAddress());
                Thread hb = start("heartbeat-" + id, () -> heartbeats(s));
                Thread data = recordsPerSecond > 0 ? start("data-" + id, () -> records(s)) : null;
                readAcks(s);
                hb.interrupt();
                if (data != null) data.interrupt();
            } catch (IOException e) {
                log.error("{}: connection to relay lost: {}", id, e.toString());
            }
            socket = null;
            if (System.currentTimeMillis() < deadline) {
                Thread.sleep(2000);
                log.info("{}: reconnecting", id);
            }
        }
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void send(String line) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (this) {
            out.write(b);
            out.flush();
        }
    }

    private void heartbeats(Socket s) {
        try {
            while (socket == s && !Thread.currentThread().isInterrupted()) {
                long seq = ++hbSeq;
                long now = System.currentTimeMillis();
                unacked.put(seq, now); // before the send: the ACK can arrive before send() returns
                send("HB " + seq + " " + now);
                if (logHeartbeats) log.info("{}: HEARTBEAT seq={} sent", id, seq);
                Map.Entry<Long, Long> oldest = unacked.firstEntry(); // the ACK reader removes entries concurrently
                if (oldest != null) {
                    long waited = now - oldest.getValue();
                    if (waited >= 5000 && (seq - oldest.getKey()) % 5 == 0) {
                        log.warn("{}: no ACK for heartbeat seq={} after {} ms ({} heartbeats unanswered)", id, oldest.getKey(), waited, unacked.size());
                    }
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            log.error("{}: heartbeat send failed: {}", id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: heartbeat thread failed", id, e);
        }
    }

    private void records(Socket s) {
        char[] fill = new char[recordBytes];
        Arrays.fill(fill, 'x');
        String payload = new String(fill);
        long intervalNanos = (long) (1e9 / recordsPerSecond);
        long next = System.nanoTime();
        try {
            while (socket == s && !Thread.currentThread().isInterrupted()) {
                send("DATA " + id + "-" + (++dataSeq) + " " + payload);
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        } catch (IOException e) {
            log.error("{}: record send failed: {}", id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAcks(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        s.setSoTimeout(1000);
        while (System.currentTimeMillis() < deadline) {
            String line;
            try {
                line = in.readLine();
            } catch (java.net.SocketTimeoutException e) {
                continue;
            }
            if (line == null) {
                log.error("{}: connection to relay lost: closed by the server", id);
                return;
            }
            if (line.startsWith("ACK HB ")) {
                long seq = Long.parseLong(line.substring(7).trim());
                Long sentAt = unacked.remove(seq);
                if (logHeartbeats && sentAt != null) {
                    log.info("{}: HEARTBEAT seq={} ACK after {} ms", id, seq, System.currentTimeMillis() - sentAt);
                }
            }
        }
    }
}

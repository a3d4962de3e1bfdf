package com.example.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay server of incident 5 (seed 004): customers' client programs keep a TCP connection open, send
 * records (DATA) and a heartbeat every second; both sides drop the connection after a silent period.
 * java.net legacy sockets, one reader thread per connection (ConnectionReader, where the bug is).
 * System properties: relay.port, relay.heartbeatTimeoutSeconds, relay.settleMillis, relay.durationSeconds.
 */
public final class RelayServer {
    private static final Logger log = LoggerFactory.getLogger(RelayServer.class);

    public static void main(String[] args) throws IOException {
        int port = Integer.getInteger("relay.port", 38501);
        long timeout = Long.getLong("relay.heartbeatTimeoutSeconds", 15L);
        long settle = Long.getLong("relay.settleMillis", 20L);
        long duration = Long.getLong("relay.durationSeconds", 600L);

        Ledger ledger = new Ledger(settle);
        HeartbeatWatchdog watchdog = new HeartbeatWatchdog(timeout * 1000);
        watchdog.start();
        ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-stats");
            t.setDaemon(true);
            return t;
        });
        long[] last = {0};
        stats.scheduleAtFixedRate(() -> {
            long n = ledger.settled();
            log.info("ledger: {} records settled in the last 30 s ({} total)", n - last[0], n);
            last[0] = n;
        }, 30, 30, TimeUnit.SECONDS);

        AtomicInteger ids = new AtomicInteger();
        ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        try {
            log.info("relay server listening on {} (heartbeat timeout {} s, settle {} ms per record)",
                    server.getLocalSocketAddress(), timeout, settle);
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(duration * 1000);
                    log.info("relay server stopping after {} s", duration);
                    server.close();
                } catch (InterruptedException | IOException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stopper");
            stopper.setDaemon(true);
            stopper.start();
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(new ConnectionReader(s, ledger, watchdog), "conn-reader-" + ids.incrementAndGet());
                t.start();
            }
        } catch (IOException e) {
            log.info("accept loop ended: {}", e.toString());
        }
        System.exit(0);
    }

    private RelayServer() {}
}

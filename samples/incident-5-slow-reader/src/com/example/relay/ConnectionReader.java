package com.example.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per client connection: read a message, handle it, read the next.
 *
 * THE BUG (seed 004): reading is coupled to the business logic. A DATA record is settled in the ledger on
 * this very thread before the next message is read, so when settling is slow (peak time) this thread stops
 * reading: the socket's receive queue fills, and the client's heartbeats sit in it unread while the client
 * believes they were delivered. The watchdog then drops the client for "no heartbeat". The fix is a reader
 * that only reads (and answers heartbeats) and hands DATA to a queue processed by other threads.
 */
final class ConnectionReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionReader.class);

    private final Socket socket;
    private final Ledger ledger;
    private final HeartbeatWatchdog watchdog;
    private volatile String clientId;
    private volatile long lastHeartbeatAt = System.currentTimeMillis();
    private volatile long lastHeartbeatSeq = -1;
    private long lastLagWarning;

    ConnectionReader(Socket socket, Ledger ledger, HeartbeatWatchdog watchdog) {
        this.socket = socket;
        this.ledger = ledger;
        this.watchdog = watchdog;
        this.clientId = "?" + socket.getRemoteSocketAddress();
    }

    String clientId() { return clientId; }
    long lastHeartbeatAt() { return lastHeartbeatAt; }
    long lastHeartbeatSeq() { return lastHeartbeatSeq; }
    Socket socket() { return socket; }

    @Override
    public void run() {
        watchdog.register(this);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                handle(line, out);
            }
            log.info("{} closed the connection", clientId);
        } catch (IOException e) {
            if (!socket.isClosed()) {
                log.warn("{}: read failed: {}", clientId, e.toString());
            }
        } finally {
            watchdog.unregister(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void handle(String line, OutputStream out) throws IOException {
        if (line.startsWith("HELLO ")) {
            clientId = line.substring(6).trim();
            log.info("{} connected from {}", clientId, socket.getRemoteSocketAddress());
            reply(out, "WELCOME " + clientId);
        } else if (line.startsWith("HB ")) {
            String[] f = line.split(" ");
            long seq = Long.parseLong(f[1]);
            long sentAt = Long.parseLong(f[2]);
            lastHeartbeatAt = System.currentTimeMillis();
            lastHeartbeatSeq = seq;
            long lag = lastHeartbeatAt - sentAt;
            if (lag > 5000 && lastHeartbeatAt - lastLagWarning > 30_000) { // at most one warning per 30 s
                lastLagWarning = lastHeartbeatAt;
                log.warn("heartbeat seq={} from {} read {} ms after it was sent", seq, clientId, lag);
            } else {
                log.debug("heartbeat seq={} from {} (lag {} ms)", seq, clientId, lag);
            }
            reply(out, "ACK HB " + seq);
        } else if (line.startsWith("DATA ")) {
            int sp = line.indexOf(' ', 5);
            String id = sp > 0 ? line.substring(5, sp) : line.substring(5);
            ledger.settle(line);
            reply(out, "ACK DATA " + id);
        } else {
            log.warn("{}: unknown message ({} chars)", clientId, line.length());
        }
    }

    private void reply(OutputStream out, String msg) throws IOException {
        out.write((msg + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}

package com.example.relay;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops connections whose last heartbeat was read more than the timeout ago (checked every second). */
final class HeartbeatWatchdog {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatWatchdog.class);

    private final Set<ConnectionReader> readers = ConcurrentHashMap.newKeySet();
    private final long timeoutMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeat-watchdog");
        t.setDaemon(true);
        return t;
    });

    HeartbeatWatchdog(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    void start() {
        timer.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void register(ConnectionReader r) { readers.add(r); }
    void unregister(ConnectionReader r) { readers.remove(r); }

    private void check() {
        long now = System.currentTimeMillis();
        for (ConnectionReader r : readers) {
            long silent = now - r.lastHeartbeatAt();
            if (silent > timeoutMillis) {
                log.warn("{}: no heartbeat in {} s (last seq={} read {} ms ago), disconnecting",
                        r.clientId(), timeoutMillis / 1000, r.lastHeartbeatSeq(), silent);
                readers.remove(r);
                try {
                    r.socket().close();
                } catch (IOException e) {
                    log.warn("{}: close failed: {}", r.clientId(), e.toString());
                }
            }
        }
    }
}

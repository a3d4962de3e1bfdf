package com.example.relay;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Peak time: many other customers' clients at once, each sending records fast. System properties:
 * load.clients, load.recordsPerSecond, load.recordBytes, load.durationSeconds, relay.port.
 */
public final class LoadGenerator {
    public static void main(String[] args) throws InterruptedException {
        int clients = Integer.getInteger("load.clients", 60);
        double rate = Double.parseDouble(System.getProperty("load.recordsPerSecond", "1"));
        int bytes = Integer.getInteger("load.recordBytes", 1024);
        long duration = Long.getLong("load.durationSeconds", 150L);
        int port = Integer.getInteger("relay.port", 38501);
        long deadline = System.currentTimeMillis() + duration * 1000;
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            RelayClient c = new RelayClient(String.format("branch-%02d", i), new InetSocketAddress("127.0.0.1", port), rate, bytes, false, deadline);
            Thread t = new Thread(() -> {
                try {
                    c.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        System.exit(0);
    }

    private LoadGenerator() {}
}

package com.example.relay;

import java.net.InetSocketAddress;

/**
 * One customer's client program (the one whose log the support engineer was shown). System properties:
 * client.id, relay.port, client.recordsPerSecond, client.recordBytes, client.durationSeconds.
 */
public final class HeartbeatClient {
    public static void main(String[] args) throws InterruptedException {
        String id = System.getProperty("client.id", "pos-client-7");
        int port = Integer.getInteger("relay.port", 38501);
        double rate = Double.parseDouble(System.getProperty("client.recordsPerSecond", "20"));
        int bytes = Integer.getInteger("client.recordBytes", 1024);
        long duration = Long.getLong("client.durationSeconds", 300L);
        long deadline = System.currentTimeMillis() + duration * 1000;
        new RelayClient(id, new InetSocketAddress("127.0.0.1", port), rate, bytes, true, deadline).run();
        System.exit(0);
    }

    private HeartbeatClient() {}
}

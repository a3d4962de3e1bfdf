package com.example.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The business side of the relay server: every DATA record is settled into one ledger, one record at a time
 * (a fair lock, as the real single-writer ledger was). Settling is real work: the record is hashed over and
 * over for {@code settleMillis}. Alone it is quick; at peak, with many connections settling, every reader
 * waits its turn for the lock.
 */
final class Ledger {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final long settleNanos;
    private long settled;

    Ledger(long settleMillis) {
        this.settleNanos = settleMillis * 1_000_000L;
    }

    void settle(String record) {
        lock.lock();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = record.getBytes(StandardCharsets.UTF_8);
            long until = System.nanoTime() + settleNanos;
            while (System.nanoTime() < until) {
                digest = sha.digest(digest);
            }
            settled++;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    long settled() {
        lock.lock();
        try {
            return settled;
        } finally {
            lock.unlock();
        }
    }
}

/*
 * billing-service: a small stand-in for an Undertow-based billing API (plain Java: no Undertow or Spring
 * in Debian), on HikariCP 2.7.9 + PostgreSQL JDBC + SLF4J/logback. Request threads named like Undertow's
 * worker pool (`XNIO-1 task-N`) loop: think, serve one "request" (borrow a pooled connection, run a query
 * or a small payment transaction), log one access-style line. Each request carries a trace id and a span
 * id in the MDC (W3C trace-context sizes: 32 and 16 hex digits), as a tracing filter would set them.
 * A failed request is logged at ERROR with the exception (full stack trace and `Caused by:` chain).
 *
 * Everything is bounded: the service stops by itself after -Dbilling.durationSeconds (a SIGTERM ends it
 * earlier); the pool is closed on the way out.
 *
 * System properties: billing.jdbcUrl, billing.user, billing.password, billing.workers (12),
 * billing.poolSize (8), billing.minimumIdle (4), billing.connectionTimeoutMs (10000),
 * billing.durationSeconds (120), billing.thinkMinMs (300), billing.thinkMaxMs (1500).
 */
package com.example.billing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public final class BillingService {
  private static final Logger LOG = LoggerFactory.getLogger("com.example.billing.BillingService");
  private static final Logger ACCESS = LoggerFactory.getLogger("com.example.billing.web.AccessLogFilter");
  private static final Logger ERRORS = LoggerFactory.getLogger("com.example.billing.web.ApiExceptionHandler");

  private static volatile boolean running = true;

  /** A request that ended with an HTTP status other than 200 without an exception. */
  private static final class Status extends Exception {
    final int code;

    Status(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  public static void main(String[] args) throws Exception {
    long startNs = System.nanoTime();
    LOG.info("Starting billing-service on Java {} (pid {}, zone {})", System.getProperty("java.version"),
        ProcessHandle.current().pid(), java.util.TimeZone.getDefault().getID());

    int workers = Integer.getInteger("billing.workers", 12);
    long durationMs = TimeUnit.SECONDS.toMillis(Long.getLong("billing.durationSeconds", 120L));
    int thinkMin = Integer.getInteger("billing.thinkMinMs", 300);
    int thinkMax = Integer.getInteger("billing.thinkMaxMs", 1500);

    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("billing-pool");
    cfg.setJdbcUrl(System.getProperty("billing.jdbcUrl"));
    cfg.setUsername(System.getProperty("billing.user"));
    cfg.setPassword(System.getProperty("billing.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("billing.poolSize", 8));
    cfg.setMinimumIdle(Integer.getInteger("billing.minimumIdle", 4));
    cfg.setConnectionTimeout(Long.getLong("billing.connectionTimeoutMs", 10_000L));
    HikariDataSource ds = new HikariDataSource(cfg);

    LOG.info("billing-service started in {} s: {} request threads, pool {} (max {})",
        String.format("%.3f", (System.nanoTime() - startNs) / 1e9), workers, cfg.getPoolName(),
        cfg.getMaximumPoolSize());

    long deadline = System.currentTimeMillis() + durationMs;
    List<Thread> threads = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 1; i <= workers; i++) {
      Thread t = new Thread(() -> serve(ds, deadline, thinkMin, thinkMax), "XNIO-1 task-" + i);
      threads.add(t);
      t.start();
    }
    // A SIGTERM ends the loops early; the hook waits (bounded) until the pool is closed.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running = false;
      try {
        done.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown-hook"));
    for (Thread t : threads) {
      t.join();
    }
    LOG.info("Request threads stopped; closing the connection pool");
    ds.close();
    LOG.info("billing-service stopped");
    done.countDown();
  }

  private static String hex(ThreadLocalRandom rnd, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** One worker thread: think, then serve one request, until the deadline. */
  private static void serve(HikariDataSource ds, long deadline, int thinkMin, int thinkMax) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    while (running && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(rnd.nextInt(thinkMin, thinkMax + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      MDC.put("traceId", hex(rnd, 32));
      MDC.put("spanId", hex(rnd, 16));
      int pick = rnd.nextInt(100);
      int invoice = rnd.nextInt(1, 201_000); // ids past 200000: 404
      int account = rnd.nextInt(1, 20_001);
      String method = pick < 70 ? "GET" : "POST";
      String path = pick < 40 ? "/api/v1/invoices/" + invoice
          : pick < 60 ? "/api/v1/accounts/" + account + "/invoices?status=open"
          : pick < 70 ? "/api/v1/accounts/" + account + "/balance"
          : "/api/v1/invoices/" + invoice + "/payments";
      long t0 = System.nanoTime();
      int status;
      try {
        if (pick < 40) {
          invoice(ds, invoice);
        } else if (pick < 60) {
          openInvoices(ds, account);
        } else if (pick < 70) {
          balance(ds, account);
        } else {
          pay(ds, invoice);
        }
        status = 200;
      } catch (Status s) {
        status = s.code;
      } catch (SQLException e) {
        ERRORS.error("Request processing failed: {} {}", method, path, e);
        status = 500;
      } catch (RuntimeException e) {
        ERRORS.error("Unexpected error: {} {}", method, path, e);
        status = 500;
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      ACCESS.info("\"{} {} HTTP/1.1\" {} {}ms", method, path, status, ms);
      MDC.clear();
    }
  }

  private static void invoice(HikariDataSource ds, int id) throws SQLException, Status {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT invoice_id, account_id, amount_cents, status, due_date FROM invoices WHERE invoice_id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new Status(404);
        }
      }
    }
  }

  private static void openInvoices(HikariDataSource ds, int account) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT invoice_id, amount_cents, due_date FROM invoices"
            + " WHERE account_id = ? AND status = 'open' ORDER BY due_date LIMIT 20")) {
      ps.setInt(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getInt(1);
        }
      }
    }
  }

  private static void balance(HikariDataSource ds, int account) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT a.balance_cents, coalesce(sum(i.amount_cents), 0)"
            + " FROM accounts a LEFT JOIN invoices i ON i.account_id = a.account_id AND i.status = 'open'"
            + " WHERE a.account_id = ? GROUP BY a.balance_cents")) {
      ps.setInt(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }

  /** Pay an open invoice: lock it, record the payment, mark it paid, credit the account (one transaction). */
  private static void pay(HikariDataSource ds, int id) throws SQLException, Status {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int account;
        int amount;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT account_id, amount_cents, status FROM invoices WHERE invoice_id = ? FOR UPDATE")) {
          ps.setInt(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              throw new Status(404);
            }
            if (!"open".equals(rs.getString(3))) {
              c.rollback();
              throw new Status(409);
            }
            account = rs.getInt(1);
            amount = rs.getInt(2);
          }
        }
        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25)); // the card processor's answer
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO payments (invoice_id, amount_cents) VALUES (?, ?)")) {
          ps.setInt(1, id);
          ps.setInt(2, amount);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE invoices SET status = 'paid' WHERE invoice_id = ?")) {
          ps.setInt(1, id);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE accounts SET balance_cents = balance_cents + ? WHERE account_id = ?")) {
          ps.setInt(1, amount);
          ps.setInt(2, account);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        c.rollback();
        throw new Status(503);
      }
    }
  }
}

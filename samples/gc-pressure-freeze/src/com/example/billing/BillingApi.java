/*
 * A small billing service: an HTTP API (JDK's com.sun.net.httpserver, request threads "worker-N") on
 * HikariCP 2.7.9 + pgjdbc + PostgreSQL, plus a scheduled invoice export (InvoiceExportJob) that runs in
 * the same JVM every few minutes. Logging: SLF4J + logback (src/logback.xml).
 *
 * Everything is bounded: the service stops by itself after -Dbilling.durationSeconds (or on SIGTERM).
 *
 * System properties: billing.port (18161), billing.jdbcUrl, billing.user, billing.password,
 * billing.workers (16), billing.poolSize (4), billing.connectionTimeoutMs (5000), billing.durationSeconds (300),
 * billing.export.initialDelaySeconds (60), billing.export.delaySeconds (90), billing.export.dir, billing.export.period (2026-11).
 */
package com.example.billing;

import com.example.billing.export.InvoiceExportJob;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class BillingApi {
  private static final Logger LOG = LoggerFactory.getLogger(BillingApi.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("com.example.billing.web.AccessLog");
  private static final Logger HANDLER = LoggerFactory.getLogger("com.example.billing.web.ApiHandler");

  private final HikariDataSource ds;

  private BillingApi(HikariDataSource ds) {
    this.ds = ds;
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    LOG.info("Starting billing-api 1.14.2 on Java {} (pid {}, max heap {} MB, zone {})",
        System.getProperty("java.version"), ProcessHandle.current().pid(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024), java.util.TimeZone.getDefault().getID());
    int port = Integer.getInteger("billing.port", 18161);
    int workers = Integer.getInteger("billing.workers", 16);
    long durationMs = TimeUnit.SECONDS.toMillis(Long.getLong("billing.durationSeconds", 300L));

    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("billing-db");
    cfg.setJdbcUrl(System.getProperty("billing.jdbcUrl"));
    cfg.setUsername(System.getProperty("billing.user"));
    cfg.setPassword(System.getProperty("billing.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("billing.poolSize", 4));
    cfg.setConnectionTimeout(Long.getLong("billing.connectionTimeoutMs", 5_000L));
    HikariDataSource ds = new HikariDataSource(cfg);
    BillingApi api = new BillingApi(ds);

    ExecutorService pool = Executors.newFixedThreadPool(workers, named("worker-", false));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    server.createContext("/api/", api::handle);
    server.setExecutor(pool);
    server.start();

    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("export-scheduler-", true));
    InvoiceExportJob job = new InvoiceExportJob(ds, Path.of(System.getProperty("billing.export.dir", "/tmp")),
        System.getProperty("billing.export.period", "2026-11"));
    long initial = Long.getLong("billing.export.initialDelaySeconds", 60L);
    long delay = Long.getLong("billing.export.delaySeconds", 90L);
    scheduler.scheduleWithFixedDelay(job, initial, delay, TimeUnit.SECONDS);
    LOG.info("Invoice export scheduled: first run in {} s, then {} s after each run", initial, delay);

    LOG.info("Started billing-api in {} s: listening on 127.0.0.1:{} with {} worker threads",
        String.format("%.3f", (System.nanoTime() - t0) / 1e9), port, workers);

    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "shutdown-hook"));
    if (!stop.await(durationMs, TimeUnit.MILLISECONDS)) {
      LOG.info("Run time of {} s reached; shutting down", durationMs / 1000);
    } else {
      LOG.info("Shutdown requested");
    }
    scheduler.shutdown(); // no new export runs; one in progress finishes first
    if (!scheduler.awaitTermination(120, TimeUnit.SECONDS)) {
      LOG.warn("Invoice export still running after 120 s; stopping anyway");
    }
    server.stop(1);
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    ds.close();
    LOG.info("Stopped");
  }

  private static ThreadFactory named(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }

  /** GET /api/invoices/{id}, GET /api/customers/{id}/balance, POST /api/invoices/{id}/payments. */
  private void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String[] parts = path.split("/");
    int status;
    String body;
    try {
      if ("GET".equals(method) && parts.length == 4 && "invoices".equals(parts[2])) {
        body = invoice(Long.parseLong(parts[3]));
      } else if ("GET".equals(method) && parts.length == 5 && "customers".equals(parts[2]) && "balance".equals(parts[4])) {
        body = balance(Integer.parseInt(parts[3]));
      } else if ("POST".equals(method) && parts.length == 5 && "invoices".equals(parts[2]) && "payments".equals(parts[4])) {
        ex.getRequestBody().readAllBytes();
        body = pay(Long.parseLong(parts[3]));
      } else {
        body = null;
      }
      status = body == null ? 404 : 200;
      if (body == null) {
        body = "{\"error\":\"not found\"}";
      }
    } catch (SQLTransientConnectionException e) {
      HANDLER.error("{} {} failed: no database connection", method, path, e);
      status = 503;
      body = "{\"error\":\"service unavailable\"}";
    } catch (SQLException | RuntimeException e) {
      HANDLER.error("{} {} failed", method, path, e);
      status = 500;
      body = "{\"error\":\"internal error\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    ACCESS.info("{} {} {} {}B {}ms", method, path, status, bytes.length,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  private String invoice(long id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT i.id, i.customer_id, i.period, i.total, i.status, count(l.id), coalesce(sum(l.quantity * l.unit_price), 0)"
                + " FROM invoice i LEFT JOIN invoice_line l ON l.invoice_id = i.id WHERE i.id = ?"
                + " GROUP BY i.id")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return String.format("{\"id\":%d,\"customer\":%d,\"period\":\"%s\",\"total\":%s,\"status\":\"%s\",\"lines\":%d,\"amount\":%s}",
            rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5), rs.getLong(6), rs.getBigDecimal(7));
      }
    }
  }

  private String balance(int customer) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(*), coalesce(sum(total) FILTER (WHERE status = 'open'), 0) FROM invoice WHERE customer_id = ?")) {
      ps.setInt(1, customer);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return null;
        }
        return String.format("{\"customer\":%d,\"invoices\":%d,\"open\":%s}", customer, rs.getLong(1), rs.getBigDecimal(2));
      }
    }
  }

  /**
   * Stands in for the call to the card processor's fraud scoring that the real service makes inside the payment
   * transaction (10-50 ms): the invoice row stays locked and the connection stays borrowed meanwhile.
   */
  private static void fraudCheck(long invoice, java.math.BigDecimal amount) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(10, 51));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String pay(long invoice) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        java.math.BigDecimal total;
        try (PreparedStatement ps = c.prepareStatement("SELECT total FROM invoice WHERE id = ? FOR UPDATE")) {
          ps.setLong(1, invoice);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return null;
            }
            total = rs.getBigDecimal(1);
          }
        }
        fraudCheck(invoice, total);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment (invoice_id, amount) VALUES (?, ?)")) {
          ps.setLong(1, invoice);
          ps.setBigDecimal(2, total);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE invoice SET status = 'paid' WHERE id = ?")) {
          ps.setLong(1, invoice);
          ps.executeUpdate();
        }
        c.commit();
        return String.format("{\"invoice\":%d,\"paid\":%s}", invoice, total);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}

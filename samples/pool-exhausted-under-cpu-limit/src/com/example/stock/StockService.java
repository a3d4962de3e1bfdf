/*
 * stock-service: stock availability and reservations for checkout, a small plain-Java service (no framework)
 * on com.sun.net.httpserver with a fixed executor of "stock-http-N" request threads, HikariCP 2.7.9 + pgjdbc
 * in front of PostgreSQL, logback (src/logback.xml).
 *
 *   GET  /v1/skus/{id}                   one query on skus
 *   GET  /v1/availability/{id}?pin=NNNN  one query on stock_levels (the SKU in all 12 warehouses), connection
 *                                        returned, then a delivery promise per warehouse (CPU work: a small
 *                                        Monte-Carlo over carrier transit times) and the best three rendered
 *   POST /v1/reservations?sku=&qty=&order=  a transaction: lock the SKU's stock rows, pick a warehouse,
 *                                        UPDATE stock_levels, INSERT into reservations
 *
 * Every 5 s an "eta-model-refresh" thread recomputes the transit-time model of all warehouse-to-region lanes
 * (CPU only, no database) and logs how long it took.
 *
 * Each request logs one access line. A failed getConnection() logs an ERROR with the stack trace and answers
 * 503; other SQL errors 500. Bounded by -Dstock.runSeconds; the pool is closed at shutdown.
 * The request executor works like Tomcat's connector (10 spare threads, up to stock.threads.max = 200; a new
 * thread is started while all are busy, only then do requests queue).
 * System properties: stock.port, stock.jdbcUrl, stock.user, stock.password, stock.threads.max (200),
 * stock.pool.size (10), stock.pool.connectionTimeoutMs (5000), stock.promise.samples (15000),
 * stock.eta.samples (2000), stock.runSeconds (600).
 */
package com.example.stock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class StockService {
  private static final Logger log = LoggerFactory.getLogger("com.example.stock.StockApplication");
  private static final Logger access = LoggerFactory.getLogger("com.example.stock.web.AccessLog");
  private static final Logger errors = LoggerFactory.getLogger("com.example.stock.web.ErrorHandler");
  private static HikariDataSource ds;
  private static int samples;

  private StockService() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int port = Integer.getInteger("stock.port", 18231);
    int maxThreads = Integer.getInteger("stock.threads.max", 200);
    long runSeconds = Long.getLong("stock.runSeconds", 600L);
    samples = Integer.getInteger("stock.promise.samples", 15000);
    int etaSamples = Integer.getInteger("stock.eta.samples", 2000);
    log.info("Starting stock-service 4.7.0 on Java {} ({} {})", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), System.getProperty("java.vm.version"));
    log.info("Runtime: {} available processor(s), max heap {} MB, zone {}", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024), java.util.TimeZone.getDefault().getID());

    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("stock-db");
    cfg.setJdbcUrl(System.getProperty("stock.jdbcUrl"));
    cfg.setUsername(System.getProperty("stock.user"));
    cfg.setPassword(System.getProperty("stock.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("stock.pool.size", 10));
    cfg.setConnectionTimeout(Long.getLong("stock.pool.connectionTimeoutMs", 5_000L));
    ds = new HikariDataSource(cfg);

    AtomicInteger n = new AtomicInteger();
    TaskQueue queue = new TaskQueue();
    ThreadPoolExecutor exec = new ThreadPoolExecutor(10, maxThreads, 60, TimeUnit.SECONDS, queue, r -> {
      Thread t = new Thread(r, "stock-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, (r, e) -> queue.force(r));
    queue.executor = exec;
    exec.prestartAllCoreThreads();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
    server.createContext("/v1/", StockService::handle);
    server.setExecutor(exec);

    ScheduledExecutorService eta = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eta-model-refresh");
      t.setDaemon(true);
      return t;
    });
    eta.scheduleWithFixedDelay(() -> refreshEtaModel(etaSamples), 5, 5, TimeUnit.SECONDS);

    server.start();
    log.info("Listening on http://127.0.0.1:{} (request threads: 10 spare, up to {}); started in {} s", port,
        maxThreads, String.format("%.3f", (System.nanoTime() - t0) / 1e9));

    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      shutdown(server, exec);
    }, "shutdown-hook"));
    if (!stop.await(runSeconds, TimeUnit.SECONDS)) {
      log.warn("Maximum run time of {} s reached; shutting down", runSeconds);
    }
    shutdown(server, exec);
  }

  /** Tomcat's TaskQueue idea: refuse to queue while the executor can still start a thread. */
  private static final class TaskQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    transient ThreadPoolExecutor executor;

    @Override
    public boolean offer(Runnable r) {
      ThreadPoolExecutor e = executor;
      if (e != null && e.getPoolSize() < e.getMaximumPoolSize() && e.getActiveCount() >= e.getPoolSize()) {
        return false;
      }
      return super.offer(r);
    }

    void force(Runnable r) {
      super.offer(r);
    }
  }

  private static final int REGIONS = 36;
  private static volatile double[][] etaHours = new double[0][0];

  /** The transit-time model: median hours per warehouse-to-region lane, from a Monte-Carlo over hub delays. */
  private static void refreshEtaModel(int n) {
    long t0 = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(System.currentTimeMillis() / 60_000);
    double[][] m = new double[12][REGIONS];
    double[] draws = new double[n];
    for (int w = 0; w < 12; w++) {
      for (int r = 0; r < REGIONS; r++) {
        double km = 150 + 90 * Math.abs(w * 3 - r) + 40 * ((w * 7 + r * 5) % 11);
        for (int k = 0; k < n; k++) {
          double hours = km / (38 + 14 * rnd.nextDouble());
          int hubs = 1 + (int) (km / 600) + (rnd.nextDouble() < 0.15 ? 1 : 0);
          for (int h = 0; h < hubs; h++) {
            hours += 2 - 3 * Math.log(1 - rnd.nextDouble());
          }
          draws[k] = hours;
        }
        java.util.Arrays.sort(draws);
        m[w][r] = draws[n / 2];
      }
    }
    etaHours = m;
    log.info("ETA model refreshed: {} lanes, {} samples each, in {} ms", 12 * REGIONS, n,
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static final AtomicInteger SHUTDOWN = new AtomicInteger();

  private static void shutdown(HttpServer server, ThreadPoolExecutor exec) {
    if (SHUTDOWN.getAndIncrement() != 0) {
      return;
    }
    log.info("Shutting down: stopping the HTTP server");
    server.stop(1);
    exec.shutdownNow();
    ds.close();
    log.info("Stopped");
  }

  private static void handle(HttpExchange ex) {
    long t0 = System.nanoTime();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String target = ex.getRequestURI().toString();
    int status;
    String body;
    try {
      ex.getRequestBody().readAllBytes();
      String[] parts = path.split("/"); // "", v1, resource, id
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      if ("GET".equals(method) && parts.length == 4 && "skus".equals(parts[2])) {
        body = sku(Integer.parseInt(parts[3]));
      } else if ("GET".equals(method) && parts.length == 4 && "availability".equals(parts[2])) {
        body = availability(Integer.parseInt(parts[3]), Integer.parseInt(q.getOrDefault("pin", "400001")));
      } else if ("POST".equals(method) && parts.length == 3 && "reservations".equals(parts[2])) {
        body = reserve(Integer.parseInt(q.get("sku")), Integer.parseInt(q.get("qty")), q.get("order"));
      } else {
        body = null;
      }
      status = body == null ? 404 : "POST".equals(method) ? 201 : 200;
      if (body == null) {
        body = "{\"error\":\"not found\"}";
      }
    } catch (OutOfStock e) {
      status = 409;
      body = "{\"error\":\"out of stock\"}";
    } catch (SQLTransientConnectionException e) {
      errors.error("{} {} failed: no database connection", method, target, e);
      status = 503;
      body = "{\"error\":\"service unavailable\"}";
    } catch (SQLException e) {
      errors.error("{} {} failed: SQLState {}", method, target, e.getSQLState(), e);
      status = 500;
      body = "{\"error\":\"internal error\"}";
    } catch (IOException | RuntimeException e) {
      errors.error("{} {} failed", method, target, e);
      status = 500;
      body = "{\"error\":\"internal error\"}";
    }
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      errors.warn("{} {}: response not sent, client went away ({})", method, target, e.toString());
    } finally {
      ex.close();
    }
    access.info("{} {} {} {}ms", method, target, status, (System.nanoTime() - t0) / 1_000_000);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int i = kv.indexOf('=');
        if (i > 0) {
          out.put(kv.substring(0, i), kv.substring(i + 1));
        }
      }
    }
    return out;
  }

  private static String sku(int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT name, category, weight_g, list_price FROM skus WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return String.format("{\"id\":%d,\"name\":\"%s\",\"category\":\"%s\",\"weightG\":%d,\"price\":%s}", id,
            rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4).toPlainString());
      }
    }
  }

  private record Stock(int warehouse, String code, double lat, double lon, int cutoff, int available) {}

  private static String availability(int sku, int pin) throws SQLException {
    List<Stock> stock = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT w.id, w.code, w.lat, w.lon, w.cutoff_hour, s.on_hand - s.reserved "
                + "FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id "
                + "WHERE s.sku_id = ? ORDER BY w.id")) {
      ps.setInt(1, sku);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stock.add(new Stock(rs.getInt(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5),
              rs.getInt(6)));
        }
      }
    }
    if (stock.isEmpty()) {
      return null;
    }
    // Delivery promise: for every warehouse with stock, the probability that the parcel arrives within two
    // days, from a Monte-Carlo over the carrier's transit times on that lane (distance, hub delays).
    double destLat = 8 + (pin % 2400) / 100.0;
    double destLon = 69 + (pin % 2700) / 100.0;
    SplittableRandom rnd = new SplittableRandom(sku * 31L + pin);
    StringBuilder sb = new StringBuilder("{\"sku\":").append(sku).append(",\"pin\":").append(pin).append(",\"options\":[");
    double[] p = new double[stock.size()];
    for (int i = 0; i < stock.size(); i++) {
      Stock s = stock.get(i);
      if (s.available() <= 0) {
        continue;
      }
      double km = haversine(s.lat(), s.lon(), destLat, destLon);
      int onTime = 0;
      for (int k = 0; k < samples; k++) {
        double hours = km / (38 + 14 * rnd.nextDouble());
        int hubs = 1 + (int) (km / 600) + (rnd.nextDouble() < 0.15 ? 1 : 0);
        for (int h = 0; h < hubs; h++) {
          hours += 2 - 3 * Math.log(1 - rnd.nextDouble());
        }
        hours += Math.max(0, (s.cutoff() - 9) * rnd.nextDouble());
        if (hours <= 48) {
          onTime++;
        }
      }
      p[i] = onTime / (double) samples;
    }
    Integer[] order = new Integer[stock.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    for (int i = 0; i < Math.min(3, order.length); i++) {
      Stock s = stock.get(order[i]);
      if (i > 0) {
        sb.append(',');
      }
      double[][] eta = etaHours;
      sb.append("{\"warehouse\":\"").append(s.code()).append("\",\"available\":").append(s.available());
      if (eta.length == 12) {
        sb.append(",\"etaHours\":").append(String.format("%.1f", eta[s.warehouse() - 1][pin % REGIONS]));
      }
      sb.append(",\"onTime2d\":").append(String.format("%.3f", p[order[i]])).append('}');
    }
    return sb.append("]}").toString();
  }

  private static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  private static final class OutOfStock extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static String reserve(int sku, int qty, String orderRef) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int warehouse = -1;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT warehouse_id, on_hand - reserved FROM stock_levels WHERE sku_id = ? "
                + "ORDER BY on_hand - reserved DESC FOR UPDATE")) {
          ps.setInt(1, sku);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (warehouse < 0 && rs.getInt(2) >= qty) {
                warehouse = rs.getInt(1);
              }
            }
          }
        }
        if (warehouse < 0) {
          throw new OutOfStock();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE stock_levels SET reserved = reserved + ?, updated_at = now() WHERE sku_id = ? AND warehouse_id = ?")) {
          ps.setInt(1, qty);
          ps.setInt(2, sku);
          ps.setInt(3, warehouse);
          ps.executeUpdate();
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO reservations (order_ref, sku_id, warehouse_id, qty) VALUES (?, ?, ?, ?) RETURNING id")) {
          ps.setString(1, orderRef);
          ps.setInt(2, sku);
          ps.setInt(3, warehouse);
          ps.setInt(4, qty);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        c.commit();
        return "{\"reservation\":" + id + ",\"sku\":" + sku + ",\"warehouse\":" + warehouse + ",\"qty\":" + qty + "}";
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}

/*
 * loyalty-service: a small plain-Java stand-in for a Spring Boot service (Spring is not packaged in Debian).
 * com.sun.net.httpserver on 127.0.0.1 with Tomcat-style request threads "http-nio-<port>-exec-N", HikariCP
 * 2.7.9 + pgjdbc in front of PostgreSQL, logback with Spring Boot's default pattern (ISO-8601 date).
 *
 *   GET  /api/v2/members/{id}/balance      one query
 *   GET  /api/v2/members/{id}/offers       one query (the offers of the member's tier), connection returned,
 *                                          then the offers are scored for the member and rendered (CPU work)
 *   POST /api/v2/members/{id}/redemptions  a transaction: lock the member row, pick an offer, sign a
 *                                          voucher code (CPU work inside the transaction), insert, update
 *
 * Each request logs one access line. A failed request logs an ERROR with the stack trace and answers 503
 * (no connection) or 500. Bounded by -Dloyalty.runSeconds; the pool is closed at shutdown.
 */
package com.example.loyalty;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class LoyaltyService {
  private static Logger log;
  private static Logger access;
  private static Logger errors;
  private static HikariDataSource ds;

  private LoyaltyService() {}

  public static void main(String[] args) throws Exception {
    // Spring Boot puts the pid in the PID system property before logging starts; logback's pattern uses it.
    System.setProperty("PID", String.valueOf(ProcessHandle.current().pid()));
    log = LoggerFactory.getLogger("com.example.loyalty.LoyaltyApplication");
    access = LoggerFactory.getLogger("com.example.loyalty.web.RequestLoggingFilter");
    errors = LoggerFactory.getLogger("com.example.loyalty.web.ApiExceptionHandler");
    int port = Integer.getInteger("loyalty.port", 18211);
    int minSpare = Integer.getInteger("loyalty.threads.minSpare", 10);
    int maxThreads = Integer.getInteger("loyalty.threads.max", 200);
    long runSeconds = Long.getLong("loyalty.runSeconds", 600L);
    log.info("Starting LoyaltyApplication v1.14.2 using Java {} with PID {}", System.getProperty("java.version"),
        System.getProperty("PID"));
    log.info("Available processors: {}, max heap: {} MB", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));

    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(System.getProperty("loyalty.jdbcUrl"));
    cfg.setUsername(System.getProperty("loyalty.user"));
    cfg.setPassword(System.getProperty("loyalty.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("loyalty.pool.maximumPoolSize", 10));
    cfg.setMinimumIdle(Integer.getInteger("loyalty.pool.minimumIdle", 2));
    cfg.setIdleTimeout(Long.getLong("loyalty.pool.idleTimeoutMs", 30_000L));
    cfg.setConnectionTimeout(Long.getLong("loyalty.pool.connectionTimeoutMs", 30_000L));
    ds = new HikariDataSource(cfg);

    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "http-nio-" + port + "-exec-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // Like Tomcat's connector executor (minSpareThreads 10, maxThreads 200): a new thread is started
    // while all existing ones are busy, up to the maximum; only then do requests queue.
    TaskQueue queue = new TaskQueue();
    ThreadPoolExecutor exec = new ThreadPoolExecutor(minSpare, maxThreads, 60, TimeUnit.SECONDS, queue, tf,
        (r, e) -> queue.force(r));
    queue.executor = exec;
    exec.prestartAllCoreThreads();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
    server.createContext("/api/v2/members/", LoyaltyService::handle);
    server.setExecutor(exec);
    server.start();
    log.info("HTTP connector started on 127.0.0.1:{} (minSpareThreads={}, maxThreads={})", port, minSpare,
        maxThreads);
    log.info("Started LoyaltyApplication in {} seconds", String.format("%.3f",
        (System.currentTimeMillis() - ProcessHandle.current().info().startInstant().get().toEpochMilli()) / 1000.0));

    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      shutdown(server, exec);
    }, "shutdown-hook"));
    stop.await(runSeconds, TimeUnit.SECONDS);
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

  private static final AtomicInteger SHUTDOWN = new AtomicInteger();

  private static void shutdown(HttpServer server, ThreadPoolExecutor exec) {
    if (SHUTDOWN.getAndIncrement() != 0) {
      return;
    }
    log.info("Shutting down: stopping the connector");
    server.stop(1);
    exec.shutdown();
    try {
      exec.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ds.close();
    log.info("Stopped");
  }

  private static void handle(HttpExchange ex) {
    long t0 = System.nanoTime();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    int status;
    byte[] body;
    try {
      drain(ex.getRequestBody());
      String[] parts = path.split("/"); // "", api, v2, members, {id}, action
      int member = Integer.parseInt(parts[4]);
      String action = parts.length > 5 ? parts[5] : "";
      if ("GET".equals(method) && "balance".equals(action)) {
        body = balance(member);
      } else if ("GET".equals(method) && "offers".equals(action)) {
        body = offers(member);
      } else if ("POST".equals(method) && "redemptions".equals(action)) {
        body = redeem(member);
      } else {
        body = null;
      }
      status = body == null ? 404 : 200;
      if (body == null) {
        body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
      }
    } catch (Conflict e) {
      status = 409;
      body = ("{\"error\":\"" + e.getMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
    } catch (SQLTransientConnectionException e) {
      errors.error("Request {} {} failed: could not get a JDBC connection", method, path, e);
      status = 503;
      body = "{\"error\":\"service unavailable\"}".getBytes(StandardCharsets.UTF_8);
    } catch (SQLException e) {
      errors.error("Request {} {} failed: SQLState {}", method, path, e.getSQLState(), e);
      status = 500;
      body = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      errors.error("Request {} {} failed", method, path, e);
      status = 500;
      body = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
    }
    try {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      errors.warn("Response to {} {} not delivered: {}", method, path, e.toString());
    } finally {
      ex.close();
    }
    access.info("{} {} completed {} in {} ms", method, path, status, (System.nanoTime() - t0) / 1_000_000);
  }

  private static void drain(InputStream in) throws IOException {
    in.readAllBytes();
  }

  private static byte[] balance(int member) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT m.tier, m.points, (SELECT count(*) FROM redemptions r WHERE r.member_id = m.id) "
                + "FROM members m WHERE m.id = ?")) {
      ps.setInt(1, member);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return String.format("{\"member\":%d,\"tier\":%d,\"points\":%d,\"redemptions\":%d}", member,
            rs.getInt(1), rs.getInt(2), rs.getInt(3)).getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Conflict(String message) {
      super(message);
    }
  }

  private record Offer(int id, String category, int cost, double weight) {}

  private static byte[] offers(int member) throws SQLException {
    int tier;
    List<Offer> offers = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT tier FROM members WHERE id = ?")) {
        ps.setInt(1, member);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          tier = rs.getInt(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, category, cost_points, weight FROM offers WHERE tier_min <= ? AND valid_until > now() "
              + "ORDER BY id LIMIT 600")) {
        ps.setInt(1, tier);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            offers.add(new Offer(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getDouble(4)));
          }
        }
      }
    }
    // Personalisation: score every offer with a small two-layer model over the member's and the offer's
    // 64-dimension embeddings, keep the best 20.
    double[] profile = profile(member, 64);
    double[] scores = new double[offers.size()];
    for (int i = 0; i < offers.size(); i++) {
      Offer o = offers.get(i);
      double[] f = profile(o.id() * 7919L + o.category().hashCode(), 64);
      double out = 0;
      for (int j = 0; j < MODEL.length; j++) {
        double[] w = MODEL[j];
        double z = 0;
        for (int k = 0; k < 64; k++) {
          z += w[k] * f[k] + w[64 + k] * profile[k];
        }
        out += Math.tanh(z) * w[128];
      }
      scores[i] = o.weight() / (1 + Math.exp(-out)) - Math.log1p(o.cost()) / 40;
    }
    Integer[] order = new Integer[offers.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    StringBuilder sb = new StringBuilder("{\"member\":").append(member).append(",\"offers\":[");
    for (int i = 0; i < Math.min(20, order.length); i++) {
      Offer o = offers.get(order[i]);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":").append(o.id()).append(",\"category\":\"").append(o.category())
          .append("\",\"cost\":").append(o.cost()).append(",\"score\":")
          .append(String.format("%.4f", scores[order[i]])).append('}');
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The ranking model's hidden layer: 96 units over [offer embedding; member embedding], plus output weight. */
  private static final double[][] MODEL = new double[Integer.getInteger("loyalty.model.hidden", 96)][];

  static {
    for (int j = 0; j < MODEL.length; j++) {
      MODEL[j] = profile(1000 + j, 129);
    }
  }

  private static double[] profile(long seed, int dims) {
    double[] v = new double[dims];
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < dims; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      v[i] = Math.sin((x & 0xFFFF) / 1000.0);
    }
    return v;
  }

  private static byte[] redeem(int member) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int tier;
        int points;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT tier, points FROM members WHERE id = ? FOR UPDATE")) {
          ps.setInt(1, member);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return null;
            }
            tier = rs.getInt(1);
            points = rs.getInt(2);
          }
        }
        int offer;
        int cost;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT id, cost_points FROM offers WHERE tier_min <= ? AND cost_points <= ? ORDER BY weight DESC LIMIT 1")) {
          ps.setInt(1, tier);
          ps.setInt(2, Math.max(points, 100));
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new Conflict("no offer available for " + points + " points");
            }
            offer = rs.getInt(1);
            cost = rs.getInt(2);
          }
        }
        String voucher = voucher(member, offer);
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO redemptions (member_id, offer_id, points, voucher) VALUES (?, ?, ?, ?)")) {
          ps.setInt(1, member);
          ps.setInt(2, offer);
          ps.setInt(3, cost);
          ps.setString(4, voucher);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE members SET points = points - ? + 50, updated_at = now() WHERE id = ?")) {
          ps.setInt(1, Math.min(cost, points));
          ps.setInt(2, member);
          ps.executeUpdate();
        }
        c.commit();
        return String.format("{\"member\":%d,\"offer\":%d,\"voucher\":\"%s\"}", member, offer, voucher)
            .getBytes(StandardCharsets.UTF_8);
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(true); // as Spring's DataSourceTransactionManager does after each transaction
        } catch (SQLException ignored) {
          // the connection is broken; the pool finds out
        }
      }
    }
  }

  /** The voucher code: an iterated SHA-256 over member, offer and a nonce (the partner's signing scheme). */
  private static String voucher(int member, int offer) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = (member + ":" + offer + ":" + ThreadLocalRandom.current().nextLong())
          .getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 2000; i++) {
        h = md.digest(h);
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        sb.append(String.format("%02X", h[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

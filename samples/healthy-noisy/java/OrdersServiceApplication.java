/*
 * The orders service of the healthy-noisy sample: a small plain-Java HTTP service (JDK's built-in
 * com.sun.net.httpserver; Spring is not packaged in Debian) with HikariCP 2.7.9 + pgjdbc in front of
 * PostgreSQL, SLF4J + logback with Sleuth-style tracing fields (traceId/spanId in the MDC per request).
 *
 * It behaves like an ordinary, somewhat noisy Spring Boot service:
 *   - a catch-all exception handler (like a @ControllerAdvice) logs every failed request at ERROR with
 *     the full stack trace: validation failures and malformed JSON (400), unknown products, orders and
 *     routes (404), clients that go away in the middle of a CSV export (Broken pipe / Connection reset);
 *   - a repeated POST with an Idempotency-Key already used answers 409 (the database's unique constraint,
 *     logged Hibernate-style: "SQL Error: 0, SQLState: 23505" at WARN, then the message at ERROR);
 *   - a scheduled daily sales report (thread "scheduling-1") that legitimately keeps one connection for a
 *     few seconds, longer than the pool's leakDetectionThreshold;
 *   - HikariCP with maxLifetime=60 s, so the pool retires and replaces its connections all the time.
 * Everything is bounded: the service stops by itself after -Dorders.durationSeconds (or on SIGTERM).
 *
 * System properties: orders.jdbcUrl, orders.user, orders.password, orders.port (18181),
 * orders.durationSeconds (360), orders.reportInitialDelaySeconds (40), orders.reportPeriodSeconds (100),
 * orders.reportDays (45).
 */
package com.example.orders;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public final class OrdersServiceApplication {
  private static final Logger LOG = LoggerFactory.getLogger(OrdersServiceApplication.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("com.example.orders.web.AccessLogFilter");
  private static final Logger ERRORS = LoggerFactory.getLogger("com.example.orders.web.GlobalExceptionHandler");
  private static final Logger SQL_ERRORS = LoggerFactory.getLogger("com.example.orders.jdbc.SqlExceptionLogger");
  private static final Logger REPORT = LoggerFactory.getLogger("com.example.orders.report.DailySalesReportJob");
  private static final Logger EXPORT = LoggerFactory.getLogger("com.example.orders.export.OrderCsvExporter");

  private static final Pattern PRODUCT = Pattern.compile("^/api/v1/products/(\\d{1,9})$");
  private static final Pattern ORDER = Pattern.compile("^/api/v1/orders/(\\d{1,12})$");
  private static final Gson GSON = new Gson();

  private static HikariDataSource ds;

  public static void main(String[] args) throws Exception {
    long startNs = System.nanoTime();
    LOG.info("Starting OrdersServiceApplication v1.8.3 using Java {} with PID {}", System.getProperty("java.version"),
        ProcessHandle.current().pid());
    LOG.info("No active profile set, falling back to 1 default profile: \"default\"");

    int port = Integer.getInteger("orders.port", 18181);
    long durationMs = TimeUnit.SECONDS.toMillis(Long.getLong("orders.durationSeconds", 360L));

    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("orders-db");
    cfg.setJdbcUrl(System.getProperty("orders.jdbcUrl"));
    cfg.setUsername(System.getProperty("orders.user"));
    cfg.setPassword(System.getProperty("orders.password"));
    // spring.datasource.hikari.*: a fixed-size pool of 8 (minimumIdle defaults to maximumPoolSize),
    // connections recycled every minute (the team's database proxy drops sessions after a few minutes),
    // and leak detection on, at 3 s.
    cfg.setMaximumPoolSize(8);
    cfg.setConnectionTimeout(30_000L);
    cfg.setMaxLifetime(60_000L);
    cfg.setLeakDetectionThreshold(3_000L);
    ds = new HikariDataSource(cfg);

    ThreadPoolExecutor workers = new ThreadPoolExecutor(10, 10, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        named("http-nio-" + port + "-exec-"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
    server.createContext("/", OrdersServiceApplication::handle);
    server.setExecutor(workers);
    server.start();
    LOG.info("HTTP server started on 127.0.0.1:{} with {} worker threads", port, workers.getCorePoolSize());

    ScheduledExecutorService scheduling = Executors.newSingleThreadScheduledExecutor(named("scheduling-"));
    scheduling.scheduleWithFixedDelay(OrdersServiceApplication::dailySalesReport,
        Long.getLong("orders.reportInitialDelaySeconds", 40L), Long.getLong("orders.reportPeriodSeconds", 100L),
        TimeUnit.SECONDS);

    LOG.info("Started OrdersServiceApplication in {} seconds (JVM running for {})",
        String.format("%.3f", (System.nanoTime() - startNs) / 1e9),
        String.format("%.3f", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));

    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(15, TimeUnit.SECONDS); // let main shut down cleanly before the JVM halts
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean signalled = stop.await(durationMs, TimeUnit.MILLISECONDS);
    LOG.info("{}; shutting down", signalled ? "Received SIGTERM" : "Run time of " + durationMs / 1000 + " s reached");
    scheduling.shutdown();
    server.stop(1);
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    scheduling.awaitTermination(20, TimeUnit.SECONDS);
    ds.close();
    LOG.info("Shutdown complete");
    stopped.countDown();
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, prefix + n.incrementAndGet());
  }

  private static String newId() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  // ---- request handling ---------------------------------------------------------------------------------

  private static void handle(HttpExchange ex) {
    String traceId = newId();
    MDC.put("traceId", traceId);
    MDC.put("spanId", traceId);
    long t0 = System.nanoTime();
    String method = ex.getRequestMethod();
    URI uri = ex.getRequestURI();
    String path = uri.getPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    int status = 500;
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      status = route(ex, method, path, uri.getRawQuery(), body);
    } catch (ApiException e) {
      status = e.status;
      if (e.status == 409) {
        ERRORS.warn("{} {} failed: {} {}", method, target, e.status, e.getMessage());
      } else {
        ERRORS.error("{} {} failed: {} {}", method, target, e.status, reason(e.status), e);
      }
      sendQuietly(ex, e.status, error(e.status, e.getMessage(), traceId));
    } catch (ClientAbortException e) {
      status = 200; // the headers went out before the client left
      ERRORS.error("{} {} failed: client aborted the response", method, target, e);
    } catch (SQLException e) {
      logSqlException(e);
      ERRORS.error("{} {} failed: 500 Internal Server Error", method, target, e);
      sendQuietly(ex, 500, error(500, "Internal Server Error", traceId));
    } catch (IOException | RuntimeException e) {
      ERRORS.error("{} {} failed: 500 Internal Server Error", method, target, e);
      sendQuietly(ex, 500, error(500, "Internal Server Error", traceId));
    } finally {
      ACCESS.info("{} {} {} {}ms", method, target, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      ex.close();
      MDC.clear();
    }
  }

  private static String reason(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 409: return "Conflict";
      default: return "Error";
    }
  }

  private static Map<String, Object> error(int status, String message, String traceId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestamp", Instant.now().toString());
    m.put("status", status);
    m.put("error", reason(status));
    m.put("message", message);
    m.put("traceId", traceId);
    return m;
  }

  private static int route(HttpExchange ex, String method, String path, String query, byte[] body)
      throws IOException, SQLException {
    Matcher m;
    if ("GET".equals(method) && "/actuator/health".equals(path)) {
      return health(ex);
    }
    if ("GET".equals(method) && "/api/v1/products".equals(path)) {
      return products(ex, intParam(query, "page", 1));
    }
    if ("GET".equals(method) && (m = PRODUCT.matcher(path)).matches()) {
      return product(ex, Integer.parseInt(m.group(1)));
    }
    if ("POST".equals(method) && "/api/v1/orders".equals(path)) {
      return createOrder(ex, body);
    }
    if ("GET".equals(method) && "/api/v1/orders/export.csv".equals(path)) {
      return export(ex, intParam(query, "days", 1));
    }
    if ("GET".equals(method) && (m = ORDER.matcher(path)).matches()) {
      return order(ex, Long.parseLong(m.group(1)));
    }
    throw new NoHandlerFoundException(method, path);
  }

  private static int intParam(String query, String name, int dflt) {
    if (query == null) {
      return dflt;
    }
    for (String kv : query.split("&")) {
      if (kv.startsWith(name + "=")) {
        try {
          return Integer.parseInt(kv.substring(name.length() + 1));
        } catch (NumberFormatException e) {
          throw new RequestValidationException("Parameter '" + name + "' must be a number");
        }
      }
    }
    return dflt;
  }

  private static int health(HttpExchange ex) throws IOException, SQLException {
    try (Connection c = ds.getConnection()) {
      boolean ok = c.isValid(1);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", ok ? "UP" : "DOWN");
      send(ex, ok ? 200 : 503, m);
      return ok ? 200 : 503;
    }
  }

  private static int products(HttpExchange ex, int page) throws IOException, SQLException {
    if (page < 1 || page > 1000) {
      throw new RequestValidationException("page must be between 1 and 1000 (was " + page + ")");
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, sku, name, category, price_cents, stock FROM products ORDER BY id LIMIT 20 OFFSET ?")) {
      ps.setInt(1, (page - 1) * 20);
      java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(productRow(rs));
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("page", page);
      m.put("items", rows);
      send(ex, 200, m);
      return 200;
    }
  }

  private static Map<String, Object> productRow(ResultSet rs) throws SQLException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", rs.getInt(1));
    p.put("sku", rs.getString(2));
    p.put("name", rs.getString(3));
    p.put("category", rs.getString(4));
    p.put("priceCents", rs.getInt(5));
    p.put("stock", rs.getInt(6));
    return p;
  }

  private static int product(HttpExchange ex, int id) throws IOException, SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, sku, name, category, price_cents, stock FROM products WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ResourceNotFoundException("Product " + id + " not found");
        }
        send(ex, 200, productRow(rs));
        return 200;
      }
    }
  }

  private static int order(HttpExchange ex, long id) throws IOException, SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, product_id, quantity, amount_cents, status, created_at FROM orders WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ResourceNotFoundException("Order " + id + " not found");
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", rs.getLong(1));
        o.put("productId", rs.getInt(2));
        o.put("quantity", rs.getInt(3));
        o.put("amountCents", rs.getInt(4));
        o.put("status", rs.getString(5));
        o.put("createdAt", rs.getTimestamp(6).toInstant().toString());
        send(ex, 200, o);
        return 200;
      }
    }
  }

  /** POST /api/v1/orders {"productId":1,"quantity":2,"email":"a@b.c"} with an Idempotency-Key header. */
  private static int createOrder(HttpExchange ex, byte[] body) throws IOException, SQLException {
    JsonObject json;
    try {
      json = GSON.fromJson(new String(body, StandardCharsets.UTF_8), JsonObject.class);
    } catch (JsonParseException e) {
      throw new HttpMessageNotReadableException("JSON parse error: " + e.getMessage(), e);
    }
    if (json == null) {
      throw new HttpMessageNotReadableException("Required request body is missing", null);
    }
    int productId = intField(json, "productId");
    int quantity = intField(json, "quantity");
    String email = json.has("email") && !json.get("email").isJsonNull() ? json.get("email").getAsString() : null;
    if (quantity < 1 || quantity > 100) {
      throw new RequestValidationException(
          "Validation failed for object='orderRequest': field 'quantity' must be between 1 and 100 (rejected value: "
              + quantity + ")");
    }
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}")) {
      throw new RequestValidationException(
          "Validation failed for object='orderRequest': field 'email' must be a well-formed email address (rejected value: "
              + email + ")");
    }
    String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int price;
        try (PreparedStatement ps = c.prepareStatement("SELECT price_cents FROM products WHERE id = ? FOR SHARE")) {
          ps.setInt(1, productId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              throw new ResourceNotFoundException("Product " + productId + " not found");
            }
            price = rs.getInt(1);
          }
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO orders (product_id, quantity, amount_cents, customer_email, status, idempotency_key)"
                + " VALUES (?, ?, ?, ?, 'PAID', ?) RETURNING id")) {
          ps.setInt(1, productId);
          ps.setInt(2, quantity);
          ps.setInt(3, quantity * price);
          ps.setString(4, email);
          ps.setString(5, key);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE products SET stock = stock - ? WHERE id = ?")) {
          ps.setInt(1, quantity);
          ps.setInt(2, productId);
          ps.executeUpdate();
        }
        c.commit();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", "PAID");
        m.put("amountCents", quantity * price);
        send(ex, 201, m);
        return 201;
      } catch (SQLException e) {
        c.rollback();
        if ("23505".equals(e.getSQLState())) {
          logSqlException(e);
          throw new DuplicateOrderException("Order with Idempotency-Key " + key + " already exists", e);
        }
        throw e;
      }
    }
  }

  private static int intField(JsonObject json, String name) {
    if (!json.has(name) || json.get(name).isJsonNull()) {
      throw new RequestValidationException(
          "Validation failed for object='orderRequest': field '" + name + "' must not be null");
    }
    try {
      return json.get(name).getAsInt();
    } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
      throw new HttpMessageNotReadableException("JSON parse error: cannot deserialize value of type `int` from "
          + json.get(name), e);
    }
  }

  /** GET /api/v1/orders/export.csv?days=N: streams the last N days of orders from a server-side cursor. */
  private static int export(HttpExchange ex, int days) throws IOException, SQLException {
    if (days < 1 || days > 60) {
      throw new RequestValidationException("days must be between 1 and 60 (was " + days + ")");
    }
    long rows = 0;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // pgjdbc only streams with a cursor inside a transaction
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, product_id, quantity, amount_cents, customer_email, status, created_at FROM orders"
              + " WHERE created_at >= now() - make_interval(days => ?) ORDER BY id")) {
        ps.setInt(1, days);
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
          ex.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
          ex.sendResponseHeaders(200, 0); // chunked
          OutputStream os = ex.getResponseBody();
          Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 16 * 1024);
          try {
            w.write("id,product_id,quantity,amount_cents,customer_email,status,created_at\n");
            while (rs.next()) {
              w.write(rs.getLong(1) + "," + rs.getInt(2) + "," + rs.getInt(3) + "," + rs.getInt(4) + ","
                  + rs.getString(5) + "," + rs.getString(6) + "," + rs.getTimestamp(7).toInstant() + "\n");
              rows++;
            }
            w.flush();
            os.close();
          } catch (IOException e) {
            EXPORT.warn("Export of the last {} days stopped after {} rows: the client closed the connection", days, rows);
            throw new ClientAbortException(e);
          }
        }
      } finally {
        c.rollback();
      }
    }
    EXPORT.info("Exported {} orders of the last {} days", rows, days);
    return 200;
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static void sendQuietly(HttpExchange ex, int status, Object body) {
    try {
      send(ex, status, body);
    } catch (IOException | RuntimeException ignored) {
      // response already committed or the client is gone
    }
  }

  /** Mirrors org.hibernate.engine.jdbc.spi.SqlExceptionHelper.logExceptions: WARN code/state, ERROR message. */
  private static void logSqlException(SQLException e) {
    SQLException current = e;
    int depth = 0;
    while (current != null && depth++ < 10) {
      SQL_ERRORS.warn("SQL Error: {}, SQLState: {}", current.getErrorCode(), current.getSQLState());
      SQL_ERRORS.error(current.getMessage());
      current = current.getNextException();
    }
  }

  // ---- the scheduled report -------------------------------------------------------------------------------

  /** Daily sales per category and status for the last N days, one aggregate per day, in one read-only transaction. */
  private static void dailySalesReport() {
    String traceId = newId();
    MDC.put("traceId", traceId);
    MDC.put("spanId", traceId);
    int days = Integer.getInteger("orders.reportDays", 45);
    long t0 = System.nanoTime();
    REPORT.info("Daily sales report started for the last {} days", days);
    long orders = 0;
    long revenue = 0;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT p.category, o.status, count(*), sum(o.amount_cents) FROM orders o JOIN products p ON p.id = o.product_id"
              + " WHERE o.created_at >= ? AND o.created_at < ? GROUP BY p.category, o.status")) {
        for (int d = days; d >= 1; d--) {
          ps.setTimestamp(1, Timestamp.from(today.minus(d, ChronoUnit.DAYS)));
          ps.setTimestamp(2, Timestamp.from(today.minus(d - 1, ChronoUnit.DAYS)));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              orders += rs.getLong(3);
              revenue += rs.getLong(4);
            }
          }
        }
      }
      c.commit();
      REPORT.info("Daily sales report finished: {} days, {} orders, revenue {} cents, took {} ms", days, orders, revenue,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    } catch (SQLException e) {
      logSqlException(e);
      REPORT.error("Daily sales report failed", e);
    } catch (RuntimeException e) {
      REPORT.error("Daily sales report failed", e);
    } finally {
      MDC.clear();
    }
  }
}

// ---- exceptions the handlers throw; the global handler maps them to a status ---------------------------

/** Base of the exceptions that carry an HTTP status (like Spring's ResponseStatusException). */
class ApiException extends RuntimeException {
  final int status;

  ApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }
}

final class RequestValidationException extends ApiException {
  RequestValidationException(String message) {
    super(400, message, null);
  }
}

final class HttpMessageNotReadableException extends ApiException {
  HttpMessageNotReadableException(String message, Throwable cause) {
    super(400, message, cause);
  }
}

final class ResourceNotFoundException extends ApiException {
  ResourceNotFoundException(String message) {
    super(404, message, null);
  }
}

final class NoHandlerFoundException extends ApiException {
  NoHandlerFoundException(String method, String path) {
    super(404, "No handler found for " + method + " " + path, null);
  }
}

final class DuplicateOrderException extends ApiException {
  DuplicateOrderException(String message, Throwable cause) {
    super(409, message, cause);
  }
}

/** Like Tomcat's ClientAbortException: the client closed the connection while we were writing. */
final class ClientAbortException extends IOException {
  ClientAbortException(IOException cause) {
    super(cause.toString(), cause);
  }
}

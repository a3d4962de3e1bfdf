package com.example.booking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * booking-service: appointment slots and bookings for a chain of clinics, over HTTP (the JDK's
 * com.sun.net.httpserver) on a fixed executor of "booking-exec-N" threads. Every request borrows a
 * HikariCP connection from the "booking-db" pool.
 *
 *   GET  /api/clinics/{id}/slots?day=YYYY-MM-DD   free places of a clinic's slots that day
 *   GET  /api/bookings/{id}                        one booking
 *   POST /api/bookings   (slotId=..&patient=..)    book a place: one transaction (slot row, booking row)
 *
 * System properties: bk.port, bk.jdbcUrl, bk.user, bk.password, bk.poolSize (10), bk.workers (16),
 * bk.maxRunSeconds (600: a safety net; the driver stops the service with SIGTERM).
 */
public final class BookingService {
  private static final Logger log = LogManager.getLogger(BookingService.class);
  private static final Logger access = LogManager.getLogger("com.example.booking.http.AccessLog");
  private static final Pattern SLOTS = Pattern.compile("^/api/clinics/(\\d+)/slots$");
  private static final Pattern BOOKING = Pattern.compile("^/api/bookings/(\\d+)$");
  private static final AtomicLong requestIds = new AtomicLong(0x3e8000);

  private final BookingRepository repo;

  private BookingService(BookingRepository repo) {
    this.repo = repo;
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    log.info("Starting booking-service 3.2.1 on Java {} (pid {}, {} processors, zone {})",
        System.getProperty("java.version"), ProcessHandle.current().pid(),
        Runtime.getRuntime().availableProcessors(), java.util.TimeZone.getDefault().getID());

    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("booking-db");
    cfg.setJdbcUrl(System.getProperty("bk.jdbcUrl"));
    cfg.setUsername(System.getProperty("bk.user"));
    cfg.setPassword(System.getProperty("bk.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("bk.poolSize", 10));
    cfg.setConnectionTimeout(8_000);
    // leak detection: on, but only for connections held longer than any request should ever take
    cfg.setLeakDetectionThreshold(300_000);
    HikariDataSource ds = new HikariDataSource(cfg);
    HikariPoolMXBean poolBean = ds.getHikariPoolMXBean();

    BookingService service = new BookingService(new BookingRepository(ds));
    int workers = Integer.getInteger("bk.workers", 16);
    ThreadPoolExecutor exec = new ThreadPoolExecutor(workers, workers, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), named("booking-exec-", false));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("bk.port", 18191)), 200);
    http.setExecutor(exec);
    http.createContext("/api/", service::handle);

    ScheduledExecutorService stats = Executors.newSingleThreadScheduledExecutor(named("stats-reporter", true));
    stats.scheduleAtFixedRate(() -> log.info(
        "stats: http executor active={}/{} queued={} completed={}; db pool {} active={} idle={} total={} waiting={}",
        exec.getActiveCount(), exec.getMaximumPoolSize(), exec.getQueue().size(), exec.getCompletedTaskCount(),
        "booking-db", poolBean.getActiveConnections(), poolBean.getIdleConnections(),
        poolBean.getTotalConnections(), poolBean.getThreadsAwaitingConnection()), 15, 15, TimeUnit.SECONDS);

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutdown requested; stopping the HTTP server and closing the connection pool");
      http.stop(1);
      exec.shutdownNow();
      stats.shutdownNow();
      ds.close();
      log.info("booking-service stopped");
      LogManager.shutdown();
    }, "shutdown-hook"));

    http.start();
    log.info("Started booking-service in {} s: listening on {}, {} request threads",
        String.format("%.3f", (System.nanoTime() - t0) / 1e9), http.getAddress(), workers);

    Thread.sleep(TimeUnit.SECONDS.toMillis(Long.getLong("bk.maxRunSeconds", 600L)));
    log.warn("Maximum run time reached; exiting");
    System.exit(0);
  }

  private void handle(HttpExchange ex) {
    long start = System.nanoTime();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String uri = ex.getRequestURI().toString();
    ThreadContext.put("requestId", Long.toHexString(requestIds.incrementAndGet()));
    ThreadContext.put("route", method + " " + routeOf(path));
    int status;
    String body;
    try {
      Matcher m;
      if ("GET".equals(method) && (m = SLOTS.matcher(path)).matches()) {
        String day = query(ex.getRequestURI().getRawQuery()).get("day");
        body = repo.freeSlots(Integer.parseInt(m.group(1)), java.time.LocalDate.parse(day));
        status = 200;
      } else if ("GET".equals(method) && (m = BOOKING.matcher(path)).matches()) {
        body = repo.booking(Long.parseLong(m.group(1)));
        status = body == null ? 404 : 200;
        if (body == null) body = "{\"error\":\"not found\"}";
      } else if ("POST".equals(method) && "/api/bookings".equals(path)) {
        Map<String, String> form = query(readBody(ex.getRequestBody()));
        long slotId = Long.parseLong(form.get("slotId"));
        Long id = repo.book(slotId, form.get("patient"));
        if (id == null) {
          status = 409;
          body = "{\"error\":\"slot full\"}";
        } else {
          status = 201;
          body = "{\"id\":" + id + ",\"slotId\":" + slotId + "}";
        }
      } else {
        status = 404;
        body = "{\"error\":\"no route\"}";
      }
    } catch (SQLTransientConnectionException e) {
      log.error("{} {} failed: no database connection available", method, path, e);
      status = 503;
      body = "{\"error\":\"service unavailable\"}";
    } catch (SQLException e) {
      log.error("{} {} failed: database error (SQLState {})", method, path, e.getSQLState(), e);
      status = 500;
      body = "{\"error\":\"internal error\"}";
    } catch (IOException | RuntimeException e) {
      log.error("{} {} failed", method, path, e);
      status = 500;
      body = "{\"error\":\"internal error\"}";
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      log.warn("{} {}: could not send the response, client gone ({})", method, path, e.toString());
    } finally {
      ex.close();
    }
    access.info("{} {} {} {}ms", method, uri, status, ms);
    ThreadContext.clearMap();
  }

  private static String routeOf(String path) {
    return path.replaceAll("/\\d+", "/{id}");
  }

  private static String readBody(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) return out;
    for (String kv : raw.split("&")) {
      int i = kv.indexOf('=');
      if (i > 0) {
        out.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static ThreadFactory named(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, daemon ? prefix : prefix + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }
}

/*
 * report-service: renders account reports for a back office. GET /api/reports/{account} builds the report's
 * four sections in parallel: each request creates its own Executors.newFixedThreadPool(4), submits the
 * sections and joins them. Nobody calls shutdown(), so the pool's four "pool-N-thread-M" threads stay
 * parked in ThreadPoolExecutor.getTask for as long as the JVM runs. That is the leak this sample is about:
 * threads pile up until the OS refuses one (OutOfMemoryError: unable to create native thread).
 *
 * Plain Java (com.sun.net.httpserver) with SLF4J + logback; bounded by -Dreports.durationSeconds.
 * System properties: reports.port (18795), reports.durationSeconds (300), reports.workers (8).
 */
package com.example.reports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class ReportService {
  private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final String[] SECTIONS = {"balances", "transactions", "invoices", "limits"};

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("reports.port", 18795);
    long duration = Long.getLong("reports.durationSeconds", 300L);
    int workers = Integer.getInteger("reports.workers", 8);
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught exception in thread {}", t.getName(), e));
    LOG.info("Starting report-service 1.4.0 on Java {} (pid {})", System.getProperty("java.version"), ProcessHandle.current().pid());
    LOG.info("JVM arguments: {}", ManagementFactory.getRuntimeMXBean().getInputArguments());

    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "http-worker-" + n.incrementAndGet()));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/api/reports/", ReportService::report);
    server.setExecutor(pool);
    server.start();
    LOG.info("Started report-service on 127.0.0.1:{} with {} workers", port, workers);
    Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
    LOG.info("Stopping report-service after {} s", duration);
    server.stop(0);
    pool.shutdownNow();
    LOG.info("Stopped");
    System.exit(0);
  }

  private static void report(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    int status = 500;
    int size = 0;
    try {
      String account = path.substring("/api/reports/".length());
      byte[] body = render(account);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
      status = 200;
      size = body.length;
    } catch (Throwable t) {
      LOG.error("GET {} failed", path, t);
      try {
        ex.sendResponseHeaders(500, -1);
      } catch (Throwable ignored) {
        // the response may already be committed
      }
    } finally {
      ex.close();
      ACCESS.info("GET {} {} {}B {}ms", path, status, size, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** The report: its sections built in parallel on a pool made for this request, which is never shut down. */
  private static byte[] render(String account) throws Exception {
    ExecutorService sections = Executors.newFixedThreadPool(4);
    List<Future<String>> parts = new ArrayList<>();
    for (String s : SECTIONS) {
      parts.add(sections.submit(() -> section(account, s)));
    }
    StringBuilder sb = new StringBuilder("{\"account\":\"").append(account).append("\",\"sections\":[");
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i > 0 ? "," : "").append(parts.get(i).get(5, TimeUnit.SECONDS));
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String section(String account, String name) throws InterruptedException {
    Thread.sleep(20 + Math.abs((account + name).hashCode() % 40));
    long total = Math.abs((long) (account + name).hashCode()) % 1_000_000;
    return "{\"name\":\"" + name + "\",\"totalCents\":" + total + "}";
  }
}

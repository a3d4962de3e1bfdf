/*
 * report-service: runs back-office reports for tenants. GET /api/reports/{name}/run?tenant=T loads the report
 * in its own class loader (so that tenants' report plugins stay isolated) and hands it the tenant's data
 * through an auditing proxy of its JDBC ResultSet (every call is counted). The loaders are cached "so that a
 * report is not loaded twice" — but under a key that carries the run's id, so no entry is ever reused or
 * removed. Each loader keeps the proxy class generated in it (one class of ~190 methods per run): classes
 * pile up in metaspace until OutOfMemoryError: Metaspace. That is the leak this sample is about.
 *
 * Plain Java (com.sun.net.httpserver) with SLF4J + logback; bounded by -Dreports.durationSeconds.
 * System properties: reports.port (18792), reports.durationSeconds (300), reports.workers (8),
 * reports.templatesDir (/etc/report-service/templates).
 */
package com.example.reports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class ReportService {
  private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("access");

  /** One tenant's isolated report plugins. */
  static final class ReportClassLoader extends URLClassLoader {
    ReportClassLoader(String name) {
      super(name, new URL[0], ReportService.class.getClassLoader());
    }
  }

  /** Loaders by report run, meant to be reused per tenant and report; the key has the run id in it. */
  private static final Map<String, ReportClassLoader> LOADERS = new ConcurrentHashMap<>();
  private static final AtomicLong RUNS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught exception in thread {}", t.getName(), e));
    int port = Integer.getInteger("reports.port", 18792);
    long duration = Long.getLong("reports.durationSeconds", 300L);
    int workers = Integer.getInteger("reports.workers", 8);
    LOG.info("Starting report-service 4.0.2 on Java {} (pid {})", System.getProperty("java.version"), ProcessHandle.current().pid());
    LOG.info("JVM arguments: {}", ManagementFactory.getRuntimeMXBean().getInputArguments());
    Path templates = Path.of(System.getProperty("reports.templatesDir", "/etc/report-service/templates"));
    try (Stream<Path> files = Files.list(templates)) {
      LOG.info("Report templates: {}", files.count());
    } catch (IOException e) {
      LOG.warn("Report templates not readable, using the built-in ones", e);
    }

    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "http-worker-" + n.incrementAndGet()));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/api/reports/", ReportService::run);
    server.setExecutor(pool);
    server.start();

    Thread stats = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          return;
        }
        LOG.info("Report loaders cached: {}, classes loaded: {}", LOADERS.size(), ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
      }
    }, "loader-stats");
    stats.setDaemon(true);
    stats.start();

    LOG.info("Started report-service on 127.0.0.1:{} with {} workers", port, workers);
    Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
    LOG.info("Stopping report-service after {} s", duration);
    server.stop(0);
    pool.shutdownNow();
    LOG.info("Stopped");
  }

  private static void run(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    int status = 500;
    int size = 0;
    try {
      String report = path.substring("/api/reports/".length()).replace("/run", "");
      String query = ex.getRequestURI().getQuery();
      String tenant = query != null && query.startsWith("tenant=") ? query.substring(7) : "default";
      long run = RUNS.incrementAndGet();
      // Meant as "tenant/report"; the run id makes every key new, so every run loads (and keeps) its own loader.
      ReportClassLoader loader = LOADERS.computeIfAbsent(tenant + "/" + report + "#" + run, k -> new ReportClassLoader("report-" + k));
      AtomicLong calls = new AtomicLong();
      InvocationHandler audit = (proxy, method, margs) -> {
        calls.incrementAndGet();
        return method.getReturnType() == boolean.class ? Boolean.FALSE : method.getReturnType() == int.class ? 0 : null;
      };
      Object source = Proxy.newProxyInstance(loader, new Class<?>[] {ResultSet.class}, audit);
      ((ResultSet) source).next();
      byte[] body = String.format("{\"report\":\"%s\",\"tenant\":\"%s\",\"run\":%d,\"auditedCalls\":%d,\"rows\":[]}", report, tenant, run, calls.get())
          .getBytes(StandardCharsets.UTF_8);
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
}

package com.example.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog API: GET /api/price?sku=X answers from {@link PriceCache}; GET /healthz takes no lock.
 * Requests run on a pool of 100 "http-worker-N" threads; each is logged when answered as
 * {@code GET /api/price?sku=X 200 12ms}. Usage: CatalogServer PORT FEED_URL TTL_MS
 */
public final class CatalogServer {
  private static final Logger log = LoggerFactory.getLogger(CatalogServer.class);

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    PriceCache cache = new PriceCache(URI.create(args[1]), Long.parseLong(args[2]));
    AtomicInteger n = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(100, r -> new Thread(r, "http-worker-" + n.incrementAndGet()));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    server.createContext("/api/price", ex -> handle(ex, () -> {
      String q = ex.getRequestURI().getQuery();
      String sku = q != null && q.startsWith("sku=") ? q.substring(4) : "";
      return String.format("{\"sku\":\"%s\",\"price\":%.2f}%n", sku, cache.price(sku));
    }));
    server.createContext("/healthz", ex -> handle(ex, () -> "ok\n"));
    server.setExecutor(workers);
    server.start();
    log.info("catalog listening on 127.0.0.1:{} (feed {}, price cache ttl {} ms, pid {})", port, args[1], args[2], ProcessHandle.current().pid());
  }

  interface Body {
    String get() throws IOException;
  }

  private static void handle(HttpExchange ex, Body body) throws IOException {
    long start = System.nanoTime();
    int status = 200;
    String text;
    try {
      text = body.get();
    } catch (IOException e) {
      status = 502;
      text = e.getMessage() + "\n";
      log.error("{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    try {
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    } catch (IOException e) {
      status = 499; // the client gave up and closed the connection before the answer
    }
    log.info("{} {} {} {}ms", ex.getRequestMethod(), ex.getRequestURI(), status, (System.nanoTime() - start) / 1_000_000);
  }
}

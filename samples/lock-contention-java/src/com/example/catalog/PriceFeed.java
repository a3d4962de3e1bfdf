package com.example.catalog;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pricing feed the catalog refreshes from: GET /v1/prices answers {@code sku=price} lines after its
 * delay (10 ms); POST /admin/delay?ms=N sets the delay. Usage: PriceFeed PORT
 */
public final class PriceFeed {
  private static final Logger log = LoggerFactory.getLogger(PriceFeed.class);

  public static void main(String[] args) throws IOException {
    AtomicLong delayMs = new AtomicLong(10);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
    server.createContext("/v1/prices", ex -> {
      long start = System.nanoTime();
      try {
        Thread.sleep(delayMs.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] b = "A100=12.50\nA200=7.25\nB300=99.00\nC400=3.10\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
      log.info("GET /v1/prices 200 {}ms", (System.nanoTime() - start) / 1_000_000);
    });
    server.createContext("/admin/delay", ex -> {
      String q = ex.getRequestURI().getQuery();
      delayMs.set(Long.parseLong(q.substring(q.indexOf('=') + 1)));
      log.info("delay set to {} ms", delayMs.get());
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    log.info("price feed listening on 127.0.0.1:{}", args[0]);
  }
}

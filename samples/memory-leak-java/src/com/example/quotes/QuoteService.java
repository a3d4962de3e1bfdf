/*
 * quote-service: prices catalogue items for a shop front. GET /api/quotes/{sku}?qty=N renders a quote
 * (JSON, a few KB with the price breaks) and subscribes the request to the price feed, so that a price
 * change "could be pushed to the client". The subscription is never removed when the response is sent:
 * PriceFeed keeps every QuoteSubscription, with its rendered quote and a copy of the request headers,
 * for as long as the JVM runs. That is the leak this sample is about.
 *
 * Plain Java (com.sun.net.httpserver) with SLF4J + logback; bounded by -Dquotes.durationSeconds.
 * System properties: quotes.port (18791), quotes.durationSeconds (300), quotes.workers (8),
 * quotes.feedPeriodSeconds (10).
 */
package com.example.quotes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class QuoteService {
  private static final Logger LOG = LoggerFactory.getLogger(QuoteService.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("access");

  /** One watcher of a price: the request that asked for the quote, and what it was answered. */
  static final class QuoteSubscription {
    final String sku;
    final int qty;
    final long createdAt;
    final Map<String, String> headers;
    final byte[] renderedQuote;

    QuoteSubscription(String sku, int qty, Map<String, String> headers, byte[] renderedQuote) {
      this.sku = sku;
      this.qty = qty;
      this.createdAt = System.currentTimeMillis();
      this.headers = headers;
      this.renderedQuote = renderedQuote;
    }
  }

  /** Price changes are published to every subscriber. unsubscribe() exists; the quote handler never calls it. */
  static final class PriceFeed {
    private final List<QuoteSubscription> subscribers = new ArrayList<>();

    synchronized void subscribe(QuoteSubscription s) {
      subscribers.add(s);
    }

    synchronized void unsubscribe(QuoteSubscription s) {
      subscribers.remove(s);
    }

    synchronized int publish(String sku) {
      int told = 0;
      for (QuoteSubscription s : subscribers) {
        if (s.sku.equals(sku)) {
          told++;
        }
      }
      return told;
    }

    synchronized int size() {
      return subscribers.size();
    }
  }

  private static final PriceFeed FEED = new PriceFeed();

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("quotes.port", 18791);
    long duration = Long.getLong("quotes.durationSeconds", 300L);
    int workers = Integer.getInteger("quotes.workers", 8);
    int feedPeriod = Integer.getInteger("quotes.feedPeriodSeconds", 10);
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught exception in thread {}", t.getName(), e));
    long pid = ProcessHandle.current().pid();
    LOG.info("Starting quote-service 2.3.1 on Java {} (pid {}, max heap {} MB)", System.getProperty("java.version"), pid,
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    LOG.info("JVM arguments: {}", ManagementFactory.getRuntimeMXBean().getInputArguments());

    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "http-worker-" + n.incrementAndGet()));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/api/quotes/", QuoteService::quote);
    server.setExecutor(pool);
    server.start();

    ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "price-feed"));
    feed.scheduleWithFixedDelay(() -> {
      try {
        long t0 = System.nanoTime();
        String sku = sku((int) (System.currentTimeMillis() / 1000 % 500));
        int told = FEED.publish(sku);
        LOG.info("Price update for {} published: {} watchers told, {} subscriptions held, {} ms", sku, told, FEED.size(),
            (System.nanoTime() - t0) / 1_000_000);
      } catch (Throwable t) {
        LOG.error("Price update failed", t);
      }
    }, feedPeriod, feedPeriod, TimeUnit.SECONDS);

    LOG.info("Started quote-service on 127.0.0.1:{} with {} workers", port, workers);
    Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
    LOG.info("Stopping quote-service after {} s", duration);
    feed.shutdownNow();
    server.stop(0);
    pool.shutdownNow();
    LOG.info("Stopped");
  }

  static String sku(int i) {
    return String.format("SKU-%05d", i);
  }

  private static void quote(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    int status = 500;
    int size = 0;
    try {
      String sku = path.substring("/api/quotes/".length());
      int qty = qty(ex.getRequestURI().getQuery());
      byte[] body = render(sku, qty);
      Map<String, String> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
      // Meant to be removed once the response is sent; nothing ever does.
      FEED.subscribe(new QuoteSubscription(sku, qty, headers, body));
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
        // the response may already be committed, or the JVM still out of memory
      }
    } finally {
      ex.close();
      ACCESS.info("GET {} {} {}B {}ms", path, status, size, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static int qty(String query) {
    if (query != null && query.startsWith("qty=")) {
      try {
        return Math.max(1, Integer.parseInt(query.substring(4)));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }

  /** Bulk quotes are rendered as a catalogue document: a buffer sized for the largest one. */
  private static final int BULK_QTY = 45;
  private static final int BULK_BUFFER = 1024 * 1024;

  /** The quote: list price and 240 volume breaks, as JSON. */
  private static byte[] render(String sku, int qty) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(qty >= BULK_QTY ? BULK_BUFFER : 8192);
    int base = 1000 + Math.abs(sku.hashCode() % 9000);
    StringBuilder sb = new StringBuilder(24576);
    sb.append("{\"sku\":\"").append(sku).append("\",\"qty\":").append(qty).append(",\"currency\":\"EUR\",\"breaks\":[");
    for (int i = 1; i <= 240; i++) {
      if (i > 1) {
        sb.append(',');
      }
      long cents = (long) base * (100 - Math.min(40, i / 6)) / 100;
      sb.append("{\"from\":").append(i * 10).append(",\"unitCents\":").append(cents)
          .append(",\"note\":\"volume break ").append(i).append(" for ").append(sku).append(" (list price applies above)\"}");
    }
    sb.append("],\"total\":").append((long) base * qty).append('}');
    buffer.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    return buffer.toByteArray();
  }
}

package com.example.catalog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded load at a steady arrival rate: one price request every QUOTE_MS (skus in turn) and one health
 * check every 500 ms for SECONDS, each giving up after 10 s; at most 400 open. Prints the outcomes.
 * Usage: LoadGen BASE_URL SECONDS QUOTE_MS
 */
public final class LoadGen {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    long end = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
    long quoteMs = Long.parseLong(args[2]);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String[] skus = {"A100", "A200", "B300", "C400"};
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
    AtomicInteger open = new AtomicInteger();
    long nextQuote = System.currentTimeMillis();
    long nextHealth = nextQuote;
    int i = 0;
    while (System.currentTimeMillis() < end) {
      long now = System.currentTimeMillis();
      String kind = null;
      String url = null;
      if (now >= nextQuote) {
        kind = "price";
        url = base + "/api/price?sku=" + skus[i++ % skus.length];
        nextQuote += quoteMs;
      } else if (now >= nextHealth) {
        kind = "health";
        url = base + "/healthz";
        nextHealth += 500;
      } else {
        Thread.sleep(Math.max(1, Math.min(nextQuote, nextHealth) - now));
        continue;
      }
      String k = kind;
      if (open.incrementAndGet() > 400) {
        open.decrementAndGet();
        outcomes.computeIfAbsent(k + ":skipped", x -> new AtomicInteger()).incrementAndGet();
        continue;
      }
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
      pending.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
        open.decrementAndGet();
        String res = e != null ? "error" : String.valueOf(r.statusCode());
        outcomes.computeIfAbsent(k + ":" + res, x -> new AtomicInteger()).incrementAndGet();
        return null;
      }));
    }
    CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
    System.out.println(new TreeMap<>(outcomes));
  }
}

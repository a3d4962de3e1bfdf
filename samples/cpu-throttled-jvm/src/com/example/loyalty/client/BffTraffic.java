/*
 * The driver's traffic, standing in for the mobile BFF that calls loyalty-service on behalf of app users.
 * Open loop, as real user traffic is: calls arrive at a steady random rate (bff.ratePerSecond) whether or not
 * earlier calls have been answered, each on one of a bounded set of caller threads "bff-call-N"
 * (java.net.http.HttpClient, HTTP/1.1, 10 s upstream timeout). Each call is logged with its status and the
 * latency the caller saw. Bounded by -Dbff.durationSeconds.
 * System properties: bff.baseUrl, bff.ratePerSecond (6), bff.callers (120), bff.timeoutMs (10000),
 * bff.members (200000), bff.durationSeconds (300).
 */
package com.example.loyalty.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public final class BffTraffic {
  private static final Logger LOG = LogManager.getLogger("com.example.bff.LoyaltyClient");

  private BffTraffic() {}

  public static void main(String[] args) throws Exception {
    String base = System.getProperty("bff.baseUrl", "http://127.0.0.1:18211");
    double rate = Double.parseDouble(System.getProperty("bff.ratePerSecond", "6"));
    int callers = Integer.getInteger("bff.callers", 120);
    long timeoutMs = Long.getLong("bff.timeoutMs", 10_000L);
    int members = Integer.getInteger("bff.members", 200_000);
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(Long.getLong("bff.durationSeconds", 300L));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(8, callers, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> new Thread(r, "bff-call-" + n.incrementAndGet()),
        new ThreadPoolExecutor.AbortPolicy());
    LOG.info("Calling loyalty-service at {}: {} calls/s, {} callers, upstream timeout {} ms", base, rate, callers,
        timeoutMs);
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long next = System.nanoTime();
    int shed = 0;
    while (System.currentTimeMillis() < deadline) {
      next += (long) (-Math.log(1 - rnd.nextDouble()) / rate * 1e9); // Poisson arrivals
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
      int pick = rnd.nextInt(100);
      int member = rnd.nextInt(1, members + 1);
      String method = pick < 90 ? "GET" : "POST";
      String path = "/api/v2/members/" + member + (pick < 55 ? "/offers" : pick < 90 ? "/balance" : "/redemptions");
      try {
        pool.execute(() -> call(http, base, method, path, timeoutMs));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        shed++;
        LOG.error("{} {} not sent: all {} callers busy", method, path, callers);
      }
    }
    pool.shutdown();
    pool.awaitTermination(timeoutMs + 5000, TimeUnit.MILLISECONDS);
    LOG.info("Traffic finished ({} calls not sent)", shed);
  }

  private static void call(HttpClient http, String base, String method, String path, long timeoutMs) {
    long t0 = System.nanoTime();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMillis(timeoutMs));
    if ("POST".equals(method)) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"app\"}"));
    } else {
      b.GET();
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (r.statusCode() >= 500) {
        LOG.warn("{} {} -> {} in {} ms: {}", method, path, r.statusCode(), ms, r.body());
      } else {
        LOG.info("{} {} -> {} in {} ms", method, path, r.statusCode(), ms);
      }
    } catch (HttpConnectTimeoutException e) {
      LOG.warn("{} {} -> connect timeout after {} ms ({})", method, path, (System.nanoTime() - t0) / 1_000_000, e.toString());
    } catch (HttpTimeoutException e) {
      LOG.warn("{} {} -> upstream timeout after {} ms ({})", method, path, (System.nanoTime() - t0) / 1_000_000, e.toString());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.error("{} {} -> failed after {} ms: {}", method, path, (System.nanoTime() - t0) / 1_000_000, e.toString());
    }
  }
}

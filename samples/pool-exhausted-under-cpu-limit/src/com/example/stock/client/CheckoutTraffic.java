/*
 * The driver's traffic, standing in for checkout-api, which calls stock-service while shoppers check out.
 * Open loop, as real user traffic is: calls arrive at a steady random rate (checkout.ratePerSecond) whether or
 * not earlier calls have been answered, each on one of a bounded set of caller threads "stock-call-N"
 * (java.net.http.HttpClient, HTTP/1.1, checkout.timeoutMs upstream timeout). Each call is logged with its
 * status and the latency the caller saw. Bounded by -Dcheckout.durationSeconds.
 * System properties: checkout.baseUrl, checkout.ratePerSecond (12), checkout.callers (200),
 * checkout.timeoutMs (4000), checkout.durationSeconds (300).
 */
package com.example.stock.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class CheckoutTraffic {
  private static final Logger LOG = LoggerFactory.getLogger("com.example.checkout.StockClient");

  private CheckoutTraffic() {}

  public static void main(String[] args) throws Exception {
    String base = System.getProperty("checkout.baseUrl", "http://127.0.0.1:18231");
    double rate = Double.parseDouble(System.getProperty("checkout.ratePerSecond", "12"));
    int callers = Integer.getInteger("checkout.callers", 200);
    long timeoutMs = Long.getLong("checkout.timeoutMs", 4_000L);
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(Long.getLong("checkout.durationSeconds", 300L));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(8, callers, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> new Thread(r, "stock-call-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
    LOG.info("Calling stock-service at {}: {} calls/s, {} callers, upstream timeout {} ms", base, rate, callers,
        timeoutMs);
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long next = System.nanoTime();
    int shed = 0;
    int orders = 0;
    while (System.currentTimeMillis() < deadline) {
      next += (long) (-Math.log(1 - rnd.nextDouble()) / rate * 1e9); // Poisson arrivals
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
      int pick = rnd.nextInt(100);
      int sku = 1 + (int) Math.min(19_999, Math.abs(rnd.nextGaussian()) * 4000); // popular SKUs first
      String method;
      String target;
      if (pick < 55) {
        method = "GET";
        target = "/v1/availability/" + sku + "?pin=" + rnd.nextInt(110001, 855118);
      } else if (pick < 85) {
        method = "GET";
        target = "/v1/skus/" + sku;
      } else {
        method = "POST";
        target = "/v1/reservations?sku=" + sku + "&qty=" + rnd.nextInt(1, 4) + "&order=CO-" + (7_310_000 + ++orders);
      }
      try {
        pool.execute(() -> call(http, base, method, target, timeoutMs));
      } catch (RejectedExecutionException e) {
        shed++;
        LOG.error("{} {} not sent: all {} callers busy", method, target, callers);
      }
    }
    pool.shutdown();
    pool.awaitTermination(timeoutMs + 5000, TimeUnit.MILLISECONDS);
    LOG.info("Traffic finished ({} calls not sent)", shed);
  }

  private static void call(HttpClient http, String base, String method, String target, long timeoutMs) {
    long t0 = System.nanoTime();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofMillis(timeoutMs));
    if ("POST".equals(method)) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.GET();
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (r.statusCode() >= 500) {
        LOG.warn("{} {} -> {} after {} ms: {}", method, target, r.statusCode(), ms, r.body());
      } else {
        LOG.info("{} {} -> {} in {} ms", method, target, r.statusCode(), ms);
      }
    } catch (HttpConnectTimeoutException e) {
      LOG.warn("{} {} -> connect timeout after {} ms", method, target, (System.nanoTime() - t0) / 1_000_000);
    } catch (HttpTimeoutException e) {
      LOG.warn("{} {} -> timed out after {} ms ({})", method, target, (System.nanoTime() - t0) / 1_000_000, e.toString());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.error("{} {} -> failed after {} ms: {}", method, target, (System.nanoTime() - t0) / 1_000_000, e.toString());
    }
  }
}

/*
 * The driver's traffic: virtual users ("vu-N") calling billing-api over HTTP on 127.0.0.1 with think time
 * between calls, each call logged with its status and the latency the caller saw. Bounded by
 * -Dload.durationSeconds. System properties: load.baseUrl, load.users (8), load.thinkMinMs (400),
 * load.thinkMaxMs (1600), load.invoices (400000), load.customers (40000), load.durationSeconds (300).
 */
package com.example.billing.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class LoadClient {
  private static final Logger LOG = LoggerFactory.getLogger(LoadClient.class);

  public static void main(String[] args) throws Exception {
    String base = System.getProperty("load.baseUrl", "http://127.0.0.1:18161");
    int users = Integer.getInteger("load.users", 8);
    int thinkMin = Integer.getInteger("load.thinkMinMs", 400);
    int thinkMax = Integer.getInteger("load.thinkMaxMs", 1600);
    int invoices = Integer.getInteger("load.invoices", 400_000);
    int customers = Integer.getInteger("load.customers", 40_000);
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(Long.getLong("load.durationSeconds", 300L));
    LOG.info("Starting {} virtual users against {}", users, base);
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= users; i++) {
      Thread t = new Thread(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (System.currentTimeMillis() < deadline) {
          try {
            Thread.sleep(rnd.nextInt(thinkMin, thinkMax + 1));
          } catch (InterruptedException e) {
            return;
          }
          int pick = rnd.nextInt(100);
          String method = pick < 80 ? "GET" : "POST";
          String path = pick < 50 ? "/api/invoices/" + rnd.nextInt(1, invoices + 1)
              : pick < 80 ? "/api/customers/" + rnd.nextInt(1, customers + 1) + "/balance"
              : "/api/invoices/" + rnd.nextInt(1, invoices + 1) + "/payments";
          call(base, method, path);
        }
      }, "vu-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    LOG.info("Virtual users finished");
  }

  private static void call(String base, String method, String path) {
    long t0 = System.nanoTime();
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) new URL(base + path).openConnection();
      c.setConnectTimeout(10_000);
      c.setReadTimeout(30_000);
      c.setRequestMethod(method);
      if ("POST".equals(method)) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
          out.write("{\"method\":\"card\"}".getBytes());
        }
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (in != null) {
          in.readAllBytes();
        }
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      if (status >= 500) {
        LOG.warn("{} {} -> {} in {} ms", method, path, status, ms);
      } else {
        LOG.info("{} {} -> {} in {} ms", method, path, status, ms);
      }
    } catch (IOException e) {
      LOG.warn("{} {} failed after {} ms: {}", method, path, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
          e.toString());
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }
}

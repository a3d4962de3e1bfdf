/*
 * The back office's traffic: virtual users ("vu-N") asking report-service for account reports over HTTP on 127.0.0.1
 * with think time between calls, each call logged with its status and the latency the caller saw.
 * Bounded by -Dload.durationSeconds. System properties: load.baseUrl, load.users (2), load.thinkMinMs (2000),
 * load.thinkMaxMs (3000), load.skus (500), load.durationSeconds (300).
 */
package com.example.reports.loadgen;

import java.io.IOException;
import java.io.InputStream;
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
    String base = System.getProperty("load.baseUrl", "http://127.0.0.1:18795");
    int users = Integer.getInteger("load.users", 2);
    int thinkMin = Integer.getInteger("load.thinkMinMs", 2000);
    int thinkMax = Integer.getInteger("load.thinkMaxMs", 3000);
    int skus = Integer.getInteger("load.skus", 500);
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
          call(base, String.format("/api/reports/ACC-%05d", rnd.nextInt(skus)));
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

  private static void call(String base, String path) {
    long t0 = System.nanoTime();
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) new URL(base + path).openConnection();
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (in != null) {
          in.readAllBytes();
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (status >= 500) {
        LOG.warn("GET {} -> {} in {} ms", path, status, ms);
      } else {
        LOG.info("GET {} -> {} in {} ms", path, status, ms);
      }
    } catch (IOException e) {
      LOG.warn("GET {} failed after {} ms: {}", path, (System.nanoTime() - t0) / 1_000_000, e.toString());
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }
}

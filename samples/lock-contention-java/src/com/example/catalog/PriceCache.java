package com.example.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices fetched from the pricing feed, used for {@code ttlMillis}. The bug: {@link #price} is
 * synchronized and refreshes inside it, so while the feed is slow every request thread blocks on this
 * object's monitor behind the one thread that is refreshing.
 */
final class PriceCache {
  private static final Logger log = LoggerFactory.getLogger(PriceCache.class);
  private final URI feed;
  private final long ttlMillis;
  private Map<String, Double> prices = new HashMap<>();
  private long fetchedAt;

  PriceCache(URI feed, long ttlMillis) {
    this.feed = feed;
    this.ttlMillis = ttlMillis;
  }

  synchronized double price(String sku) throws IOException {
    if (System.currentTimeMillis() - fetchedAt > ttlMillis) {
      refresh();
    }
    Double p = prices.get(sku);
    if (p == null) {
      throw new IOException("unknown sku " + sku);
    }
    return p;
  }

  private void refresh() throws IOException {
    long start = System.nanoTime();
    HttpURLConnection c = (HttpURLConnection) feed.toURL().openConnection();
    c.setConnectTimeout(2_000);
    c.setReadTimeout(30_000);
    Map<String, Double> fresh = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fresh.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)));
        }
      }
    }
    prices = fresh;
    fetchedAt = System.currentTimeMillis();
    log.info("prices refreshed: {} skus in {} ms", fresh.size(), (System.nanoTime() - start) / 1_000_000);
  }
}

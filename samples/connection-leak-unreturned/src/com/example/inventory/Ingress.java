package com.example.inventory;

import com.example.inventory.reports.StockExport;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the HTTP front end: shop traffic at a steady rate (stock lookups and orders for the four
 * warehouses), and, once the partner feed has been switched on (the trigger file exists), one stock export
 * request every 3.5 s, cycling through the warehouses. Each request becomes a task on the request executor;
 * a full queue answers 503.
 */
final class Ingress implements Runnable {
  private static final Logger access = LoggerFactory.getLogger("com.example.inventory.web.AccessLog");
  private static final Logger log = LoggerFactory.getLogger(Ingress.class);

  private final ThreadPoolExecutor pool;
  private final StockQueries queries;
  private final OrderService orders;
  private final StockExport export;
  private final List<String> codes;
  private final double rate;
  private final Path partnerTrigger;
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean running = true;

  Ingress(ThreadPoolExecutor pool, StockQueries queries, OrderService orders, StockExport export,
      Map<String, Warehouse> warehouses, double rate, Path partnerTrigger) {
    this.pool = pool;
    this.queries = queries;
    this.orders = orders;
    this.export = export;
    this.codes = new ArrayList<>(warehouses.keySet());
    this.rate = rate;
    this.partnerTrigger = partnerTrigger;
  }

  long rejected() {
    return rejected.get();
  }

  void stop() {
    running = false;
  }

  interface Action {
    int run() throws Exception;
  }

  @Override
  public void run() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long nextExport = Long.MAX_VALUE;
    int exports = 0;
    while (running) {
      try {
        Thread.sleep((long) Math.min(2000, -Math.log(1 - rnd.nextDouble()) * 1000 / rate));
      } catch (InterruptedException e) {
        return;
      }
      long now = System.currentTimeMillis();
      if (nextExport == Long.MAX_VALUE && Files.exists(partnerTrigger)) {
        nextExport = now;
      }
      if (now >= nextExport) {
        nextExport += 3_500;
        String wh = codes.get(exports++ % codes.size());
        submit("GET", "/api/reports/stock.csv?warehouse=" + wh, () -> export.exportCsv(wh, new StringWriter()));
      }
      String wh = codes.get(rnd.nextInt(codes.size()));
      String sku = String.format("SKU-%05d", rnd.nextInt(1, 2001));
      if (rnd.nextInt(100) < 60) {
        submit("GET", "/api/stock/" + sku + "?warehouse=" + wh, () -> queries.available(wh, sku));
      } else {
        int qty = rnd.nextInt(1, 5);
        submit("POST", "/api/warehouses/" + wh + "/orders", () -> orders.placeOrder(wh, sku, qty));
      }
    }
  }

  private void submit(String method, String path, Action action) {
    long arrived = System.nanoTime();
    try {
      pool.execute(() -> {
        int status;
        try {
          status = action.run();
        } catch (Exception e) {
          log.error("{} {} failed", method, path, e);
          status = 500;
        }
        access.info("{} {} status={} duration={}ms", method, path, status,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived));
      });
    } catch (RejectedExecutionException e) {
      rejected.incrementAndGet();
      access.info("{} {} status=503 duration=0ms", method, path);
    }
  }
}

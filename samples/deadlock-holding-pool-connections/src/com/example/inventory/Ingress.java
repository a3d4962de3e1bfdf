package com.example.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * warehouses), and, once the ops tool has been started (the trigger file exists), a batch of rebalancing
 * transfers every 15 s. Each request becomes a task on the order-worker executor; a full queue answers 503.
 */
final class Ingress implements Runnable {
  private static final Logger access = LoggerFactory.getLogger("com.example.inventory.web.AccessLog");
  private static final Logger log = LoggerFactory.getLogger(Ingress.class);

  private final ThreadPoolExecutor pool;
  private final StockQueries queries;
  private final OrderService orders;
  private final TransferService transfers;
  private final List<String> codes;
  private final double rate;
  private final Path opsTrigger;
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean running = true;

  Ingress(ThreadPoolExecutor pool, StockQueries queries, OrderService orders, TransferService transfers,
      Map<String, Warehouse> warehouses, double rate, Path opsTrigger) {
    this.pool = pool;
    this.queries = queries;
    this.orders = orders;
    this.transfers = transfers;
    this.codes = new ArrayList<>(warehouses.keySet());
    this.rate = rate;
    this.opsTrigger = opsTrigger;
  }

  long rejected() {
    return rejected.get();
  }

  void stop() {
    running = false;
  }

  interface Action {
    int run() throws SQLException;
  }

  @Override
  public void run() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long nextBatch = Long.MAX_VALUE;
    while (running) {
      try {
        Thread.sleep((long) Math.min(2000, -Math.log(1 - rnd.nextDouble()) * 1000 / rate));
      } catch (InterruptedException e) {
        return;
      }
      long now = System.currentTimeMillis();
      if (nextBatch == Long.MAX_VALUE && Files.exists(opsTrigger)) {
        nextBatch = now;
      }
      if (now >= nextBatch) {
        nextBatch += 15_000;
        transferBatch(rnd);
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

  /** The ops tool's rebalancing: moves between east and west (both ways) and from north to south. */
  private void transferBatch(ThreadLocalRandom rnd) {
    String[][] moves = {{"WH-EAST", "WH-WEST"}, {"WH-WEST", "WH-EAST"}, {"WH-NORTH", "WH-SOUTH"}};
    for (String[] m : moves) {
      String sku = String.format("SKU-%05d", rnd.nextInt(1, 2001));
      int qty = 10 * rnd.nextInt(1, 6);
      submit("POST", "/api/transfers", () -> transfers.transfer(m[0], m[1], sku, qty));
    }
  }

  private void submit(String method, String path, Action action) {
    long arrived = System.nanoTime();
    try {
      pool.execute(() -> {
        int status;
        try {
          status = action.run();
        } catch (SQLException e) {
          log.error("{} {} failed", method, path, e);
          status = 500;
        } catch (RuntimeException e) {
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

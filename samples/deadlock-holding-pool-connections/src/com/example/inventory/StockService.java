package com.example.inventory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stock-service: stock levels, order reservations and transfers between warehouses, for the shop and
 * the warehouse ops tool. Requests are served by a fixed executor of "order-worker-N" threads (behind
 * a bounded queue); every request that touches the database borrows a HikariCP connection.
 *
 * The HTTP front end is not part of this sample: {@link Ingress} stands in for it, turning a steady
 * stream of shop requests (and, once the ops tool is started, batches of transfers) into tasks.
 *
 * System properties: inv.jdbcUrl, inv.user, inv.password, inv.poolSize (10), inv.workers (16),
 * inv.queue (100), inv.requestsPerSecond (4), inv.opsTrigger (a file: when it exists the ops tool sends
 * transfer batches), inv.maxRunSeconds (600: a safety net; the driver stops the service with SIGTERM).
 */
public final class StockService {
  private static final Logger log = LoggerFactory.getLogger(StockService.class);

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    log.info("Starting stock-service 2.14.3 on Java {} (pid {}, {} processors)", System.getProperty("java.version"),
        ProcessHandle.current().pid(), Runtime.getRuntime().availableProcessors());

    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(System.getProperty("inv.jdbcUrl"));
    cfg.setUsername(System.getProperty("inv.user"));
    cfg.setPassword(System.getProperty("inv.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("inv.poolSize", 10));
    cfg.setConnectionTimeout(15_000);
    cfg.setLeakDetectionThreshold(20_000);
    HikariDataSource ds = new HikariDataSource(cfg);

    Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    for (String code : new String[] {"WH-EAST", "WH-WEST", "WH-NORTH", "WH-SOUTH"}) {
      warehouses.put(code, new Warehouse(code));
    }
    StockQueries queries = new StockQueries(ds);
    OrderService orders = new OrderService(ds, warehouses);
    TransferService transfers = new TransferService(ds, warehouses);

    int workers = Integer.getInteger("inv.workers", 16);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0L, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(Integer.getInteger("inv.queue", 100)), named("order-worker-", false));
    pool.prestartAllCoreThreads();

    Ingress ingress = new Ingress(pool, queries, orders, transfers, warehouses,
        Double.parseDouble(System.getProperty("inv.requestsPerSecond", "4")),
        Paths.get(System.getProperty("inv.opsTrigger", "/nonexistent")));
    Thread ingressThread = new Thread(ingress, "http-ingress");

    ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(named("health-reporter", true));
    health.scheduleAtFixedRate(() -> log.info("order-worker pool: active={}/{} queued={} completed={} rejected={}",
        pool.getActiveCount(), pool.getMaximumPoolSize(), pool.getQueue().size(), pool.getCompletedTaskCount(),
        ingress.rejected()), 30, 30, TimeUnit.SECONDS);

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutdown requested; stopping ingress and closing the connection pool");
      ingress.stop();
      health.shutdownNow();
      ds.close();
      log.info("stock-service stopped");
      org.apache.logging.log4j.LogManager.shutdown();
    }, "shutdown-hook"));

    ingressThread.start();
    log.info("Started stock-service in {} s: {} order workers, queue {}, listening for requests",
        String.format("%.3f", (System.nanoTime() - t0) / 1e9), workers, pool.getQueue().remainingCapacity());

    Thread.sleep(TimeUnit.SECONDS.toMillis(Long.getLong("inv.maxRunSeconds", 600L)));
    log.warn("Maximum run time reached; exiting");
    System.exit(0);
  }

  static ThreadFactory named(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, daemon ? prefix : prefix + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }

  private StockService() {}
}

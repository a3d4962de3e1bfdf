/*
 * A small stand-in for the Spring Boot ranking backend of incident 3 (seed 002): plain Java, HikariCP,
 * PostgreSQL JDBC, SLF4J + logback. No Spring is packaged in Debian, so the app does by hand what the
 * real one did through Spring: worker threads named like Tomcat's serve "requests" in a loop; each
 * borrows a pooled connection, runs a short query (some in a transaction), and logs one INFO line.
 * SQLExceptions are logged the way Hibernate's SqlExceptionHelper does ("SQL Error: 0, SQLState: 08003"
 * at WARN, then the message at ERROR), from this app's own logger.
 *
 * Everything is bounded: the app stops by itself after -Drank.durationSeconds.
 *
 * System properties: rank.jdbcUrl, rank.user, rank.password, rank.workers (32), rank.poolSize (10),
 * rank.connectionTimeoutMs (30000), rank.minimumIdle (2), rank.idleTimeoutMs (10000), rank.durationSeconds (120),
 * rank.thinkMinMs (1000), rank.thinkMaxMs (5000).
 */
package com.example.rank;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class RankingBackend {
  static {
    // Spring Boot puts the pid in the PID system property before logging starts; the logback
    // pattern refers to ${PID}. Do the same before any logger exists.
    System.setProperty("PID", String.valueOf(ProcessHandle.current().pid()));
  }

  private static final Logger LOG = LoggerFactory.getLogger("com.example.rank.RankingApplication");
  private static final Logger REQUESTS = LoggerFactory.getLogger("com.example.rank.web.RequestLogFilter");
  private static final Logger SQL_ERRORS = LoggerFactory.getLogger("com.example.rank.jdbc.SqlErrorLogger");

  private static volatile boolean running = true;

  public static void main(String[] args) throws Exception {
    long startNs = System.nanoTime();
    LOG.info("Starting RankingApplication using Java {} with PID {}", System.getProperty("java.version"),
        System.getProperty("PID"));

    int workers = Integer.getInteger("rank.workers", 32);
    long durationMs = TimeUnit.SECONDS.toMillis(Long.getLong("rank.durationSeconds", 120L));
    int thinkMin = Integer.getInteger("rank.thinkMinMs", 1000);
    int thinkMax = Integer.getInteger("rank.thinkMaxMs", 5000);

    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(System.getProperty("rank.jdbcUrl"));
    cfg.setUsername(System.getProperty("rank.user"));
    cfg.setPassword(System.getProperty("rank.password"));
    cfg.setMaximumPoolSize(Integer.getInteger("rank.poolSize", 10));
    cfg.setConnectionTimeout(Long.getLong("rank.connectionTimeoutMs", 30_000L));
    // Like `spring.datasource.hikari.minimum-idle: 2` / `idle-timeout: 10000`: the pool shrinks back to two
    // connections when traffic is low, so no pooled connection sits idle long enough for the database's
    // idle_session_timeout (60 s) to close it in normal operation.
    cfg.setMinimumIdle(Integer.getInteger("rank.minimumIdle", 2));
    cfg.setIdleTimeout(Long.getLong("rank.idleTimeoutMs", 10_000L));
    HikariDataSource ds = new HikariDataSource(cfg);

    LOG.info("Started RankingApplication in {} seconds with {} request threads",
        String.format("%.3f", (System.nanoTime() - startNs) / 1e9), workers);

    long deadline = System.currentTimeMillis() + durationMs;
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      Thread t = new Thread(() -> serve(ds, deadline, thinkMin, thinkMax), "http-nio-8080-exec-" + i);
      threads.add(t);
      t.start();
    }
    // A SIGTERM from the driver script ends the loops early; the pool still shuts down cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> running = false, "shutdown-hook"));
    for (Thread t : threads) {
      t.join();
    }
    LOG.info("Request threads stopped; closing the connection pool");
    ds.close();
  }

  /** One request thread: think, then serve one request, until the deadline. */
  private static void serve(HikariDataSource ds, long deadline, int thinkMin, int thinkMax) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    while (running && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(rnd.nextInt(thinkMin, thinkMax + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int pick = rnd.nextInt(100);
      int page = rnd.nextInt(1, 51);
      int id = pick < 85 ? rnd.nextInt(1, 106_000) : rnd.nextInt(1, 100_001); // ids past 100000: 404
      String method = pick < 85 ? "GET" : "POST";
      String path = pick < 60 ? "/api/v1/rankings?page=" + page
          : pick < 85 ? "/api/v1/users/" + id : "/api/v1/users/" + id + "/solved";
      long t0 = System.nanoTime();
      int status;
      try {
        status = pick < 60 ? rankings(ds, page) : pick < 85 ? user(ds, id) : solved(ds, id, rnd.nextInt(1, 4));
      } catch (SQLException e) {
        logSqlException(e);
        status = 500;
      } catch (RuntimeException e) {
        LOG.error("Unexpected error while serving a request", e);
        status = 500;
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      REQUESTS.info("{} {} {} {}ms", method, path, status, ms);
    }
  }

  /** Read-only page of the ranking with each user's rank, autocommit: ranks all users (~70 ms in PostgreSQL). */
  private static int rankings(HikariDataSource ds, int page) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT user_id, handle, solved, score, rnk FROM (SELECT user_id, handle, solved, score,"
                + " rank() OVER (ORDER BY score DESC) AS rnk FROM ranking) r ORDER BY rnk, user_id LIMIT 20 OFFSET ?")) {
      ps.setInt(1, (page - 1) * 20);
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
        }
      }
      return rows > 0 ? 200 : 404;
    }
  }

  /** Read-only lookup of one user, autocommit. */
  private static int user(HikariDataSource ds, int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT handle, solved, score FROM ranking WHERE user_id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? 200 : 404;
      }
    }
  }

  /** A write in a transaction, with some application work between the statements (like @Transactional). */
  private static int solved(HikariDataSource ds, int id, int problems) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int solved;
        try (PreparedStatement ps = c.prepareStatement("SELECT solved FROM ranking WHERE user_id = ? FOR UPDATE")) {
          ps.setInt(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return 404;
            }
            solved = rs.getInt(1);
          }
        }
        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40)); // scoring the submission
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE ranking SET solved = ?, score = score + ?, updated_at = now() WHERE user_id = ?")) {
          ps.setInt(1, solved + problems);
          ps.setInt(2, problems * 10);
          ps.setInt(3, id);
          ps.executeUpdate();
        }
        c.commit();
        return 200;
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          logSqlException(rollbackFailure);
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        c.rollback();
        return 503;
      }
    }
  }

  /** Mirrors org.hibernate.engine.jdbc.spi.SqlExceptionHelper.logExceptions: WARN code/state, ERROR message. */
  private static void logSqlException(SQLException e) {
    SQLException current = e;
    int depth = 0;
    while (current != null && depth++ < 10) {
      SQL_ERRORS.warn("SQL Error: {}, SQLState: {}", current.getErrorCode(), current.getSQLState());
      SQL_ERRORS.error(current.getMessage());
      current = current.getNextException();
    }
  }
}

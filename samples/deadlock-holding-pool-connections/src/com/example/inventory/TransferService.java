package com.example.inventory;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/transfers (the warehouse ops tool's rebalancing): moves stock from one warehouse to another in
 * one transaction. The source warehouse is held for the whole move so that its counts cannot change while
 * the goods are on their way; the destination is then locked by its own methods (capacity check, booking).
 * Two transfers in opposite directions take the two monitors in opposite order.
 */
final class TransferService {
  private static final Logger log = LoggerFactory.getLogger(TransferService.class);
  private static final AtomicLong IDS = new AtomicLong(4100);

  private final HikariDataSource ds;
  private final Map<String, Warehouse> warehouses;

  TransferService(HikariDataSource ds, Map<String, Warehouse> warehouses) {
    this.ds = ds;
    this.warehouses = warehouses;
  }

  int transfer(String fromCode, String toCode, String sku, int qty) throws SQLException {
    Warehouse from = warehouses.get(fromCode);
    Warehouse to = warehouses.get(toCode);
    long id = IDS.incrementAndGet();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        log.info("Transfer T-{}: {} x {} from {} to {}", id, qty, sku, from, to);
        synchronized (from) {
          from.ship(c, sku, qty);
          if (to.freeCapacity(c) < qty) {
            c.rollback();
            log.warn("Transfer T-{} refused: {} is full", id, to);
            return 409;
          }
          to.receive(c, sku, qty);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO transfers (from_wh, to_wh, sku, qty) VALUES (?, ?, ?, ?)")) {
          ps.setString(1, fromCode);
          ps.setString(2, toCode);
          ps.setString(3, sku);
          ps.setInt(4, qty);
          ps.executeUpdate();
        }
        c.commit();
        log.info("Transfer T-{} done", id);
        return 201;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }
}

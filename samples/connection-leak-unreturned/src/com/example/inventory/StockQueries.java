package com.example.inventory;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Read-only lookups for the shop (autocommit). */
final class StockQueries {
  private final HikariDataSource ds;

  StockQueries(HikariDataSource ds) {
    this.ds = ds;
  }

  /** GET /api/stock/{sku}?warehouse=...: 200 with the available quantity, or 404. */
  int available(String warehouse, String sku) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT on_hand - reserved FROM stock WHERE warehouse = ? AND sku = ?")) {
      ps.setString(1, warehouse);
      ps.setString(2, sku);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? 200 : 404;
      }
    }
  }
}

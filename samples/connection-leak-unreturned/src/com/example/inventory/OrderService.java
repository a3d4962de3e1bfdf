package com.example.inventory;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** POST /api/warehouses/{code}/orders: reserves stock and records the order, in one transaction. */
final class OrderService {
  private final HikariDataSource ds;
  private final Map<String, Warehouse> warehouses;

  OrderService(HikariDataSource ds, Map<String, Warehouse> warehouses) {
    this.ds = ds;
    this.warehouses = warehouses;
  }

  int placeOrder(String warehouse, String sku, int qty) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!warehouses.get(warehouse).reserve(c, sku, qty)) {
          c.rollback();
          return 409;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (warehouse, sku, qty) VALUES (?, ?, ?)")) {
          ps.setString(1, warehouse);
          ps.setString(2, sku);
          ps.setInt(3, qty);
          ps.executeUpdate();
        }
        c.commit();
        return 201;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }
}

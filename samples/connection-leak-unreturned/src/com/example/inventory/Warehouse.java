package com.example.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One warehouse. Every stock change of a warehouse goes through its monitor, so that the counts the
 * shop sees never interleave for one warehouse. The statements run on the caller's connection, inside
 * the caller's transaction.
 */
final class Warehouse {
  final String code;

  Warehouse(String code) {
    this.code = code;
  }

  /** Reserves qty for an order; false if not enough is available. */
  synchronized boolean reserve(Connection c, String sku, int qty) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE stock SET reserved = reserved + ?, updated_at = now()"
        + " WHERE warehouse = ? AND sku = ? AND on_hand - reserved >= ?")) {
      ps.setInt(1, qty);
      ps.setString(2, code);
      ps.setString(3, sku);
      ps.setInt(4, qty);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public String toString() {
    return code;
  }
}

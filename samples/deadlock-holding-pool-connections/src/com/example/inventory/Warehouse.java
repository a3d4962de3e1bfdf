package com.example.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One warehouse. Every stock change of a warehouse goes through its monitor, so that the counts the
 * shop sees (and the capacity check of incoming transfers) never interleave for one warehouse.
 * The statements run on the caller's connection, inside the caller's transaction.
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

  /** Takes qty out of this warehouse (goods leaving for another warehouse). */
  synchronized void ship(Connection c, String sku, int qty) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE stock SET on_hand = on_hand - ?, updated_at = now() WHERE warehouse = ? AND sku = ?")) {
      ps.setInt(1, qty);
      ps.setString(2, code);
      ps.setString(3, sku);
      ps.executeUpdate();
    }
  }

  /** Free capacity: the warehouse's capacity minus everything on hand. */
  synchronized int freeCapacity(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT w.capacity - coalesce(sum(s.on_hand), 0) FROM warehouses w"
        + " LEFT JOIN stock s ON s.warehouse = w.code WHERE w.code = ? GROUP BY w.capacity")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Books qty into this warehouse (goods arriving). */
  synchronized void receive(Connection c, String sku, int qty) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE stock SET on_hand = on_hand + ?, updated_at = now() WHERE warehouse = ? AND sku = ?")) {
      ps.setInt(1, qty);
      ps.setString(2, code);
      ps.setString(3, sku);
      ps.executeUpdate();
    }
  }

  @Override
  public String toString() {
    return code;
  }
}

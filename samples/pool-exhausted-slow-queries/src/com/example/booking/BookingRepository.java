package com.example.booking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;

/** The service's SQL. Every method borrows one pooled connection and returns it before it returns. */
final class BookingRepository {
  private static final ZoneId ZONE = ZoneId.systemDefault();
  private final DataSource ds;

  BookingRepository(DataSource ds) {
    this.ds = ds;
  }

  /** Free places of one clinic's slots on one day, as a small JSON array. */
  String freeSlots(int clinicId, LocalDate day) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, starts_at, capacity - booked AS free FROM slots"
                + " WHERE clinic_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at")) {
      ps.setInt(1, clinicId);
      ps.setObject(2, day.atStartOfDay(ZONE).toOffsetDateTime());
      ps.setObject(3, day.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime());
      StringBuilder sb = new StringBuilder("[");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (sb.length() > 1) sb.append(',');
          sb.append("{\"id\":").append(rs.getLong(1)).append(",\"startsAt\":\"").append(rs.getString(2))
              .append("\",\"free\":").append(rs.getInt(3)).append('}');
        }
      }
      return sb.append(']').toString();
    }
  }

  /** One booking with its slot, or null. */
  String booking(long id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT b.id, b.patient, b.status, s.clinic_id, s.starts_at FROM bookings b"
                + " JOIN slots s ON s.id = b.slot_id WHERE b.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
        return "{\"id\":" + rs.getLong(1) + ",\"patient\":\"" + rs.getString(2) + "\",\"status\":\""
            + rs.getString(3) + "\",\"clinicId\":" + rs.getInt(4) + ",\"startsAt\":\"" + rs.getString(5) + "\"}";
      }
    }
  }

  /** Books one place in a slot: the new booking's id, or null when the slot is full. */
  Long book(long slotId, String patient) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity")) {
          ps.setLong(1, slotId);
          if (ps.executeUpdate() == 0) {
            c.rollback();
            return null;
          }
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO bookings (slot_id, patient) VALUES (?, ?) RETURNING id")) {
          ps.setLong(1, slotId);
          ps.setString(2, patient);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}

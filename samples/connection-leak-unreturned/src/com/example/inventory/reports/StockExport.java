package com.example.inventory.reports;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/reports/stock.csv?warehouse=...: the stock of one warehouse as CSV, for the partner feed.
 * Written for speed (one query, rows streamed straight into the response) before try-with-resources was
 * the house style: the connection is closed at the end of the happy path only.
 */
public final class StockExport {
  private static final Logger log = LoggerFactory.getLogger(StockExport.class);

  private final HikariDataSource ds;

  public StockExport(HikariDataSource ds) {
    this.ds = ds;
  }

  public int exportCsv(String warehouse, Writer out) throws SQLException, IOException {
    Connection c = ds.getConnection();
    PreparedStatement ps = c.prepareStatement("SELECT s.sku, p.description, p.unit, s.on_hand - s.reserved"
        + " FROM stock s JOIN products p USING (sku) WHERE s.warehouse = ? ORDER BY s.sku");
    ps.setString(1, warehouse);
    ResultSet rs = ps.executeQuery();
    out.write("sku;description;unit;available\n");
    int rows = 0;
    while (rs.next()) {
      Unit unit = Unit.valueOf(rs.getString(3));
      out.write(rs.getString(1) + ';' + rs.getString(2) + ';' + unit.label + ';' + rs.getInt(4) + '\n');
      rows++;
    }
    rs.close();
    ps.close();
    c.close();
    log.info("Stock export {}: {} rows", warehouse, rows);
    return 200;
  }
}

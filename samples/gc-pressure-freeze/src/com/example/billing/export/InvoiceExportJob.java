/*
 * The monthly invoice export, run by the service's scheduler every few minutes while the month is open
 * (the finance team wants the statements "live"). It does what many such jobs do: one query for all
 * lines of the period, without a fetch size (so pgjdbc reads the whole result into memory before the
 * first next()), every row mapped to an object, grouped by customer, each customer's statement rendered
 * to a CSV string, and only then written out (gzip). Everything it builds is garbage once it returns.
 */
package com.example.billing.export;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class InvoiceExportJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceExportJob.class);

  /** One invoice line as the export reads it. */
  record InvoiceLine(long id, long invoiceId, int customerId, String sku, String description, int quantity,
      BigDecimal unitPrice, OffsetDateTime createdAt) {
    BigDecimal amount() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  private final HikariDataSource ds;
  private final Path dir;
  private final String period;
  private int run;

  public InvoiceExportJob(HikariDataSource ds, Path dir, String period) {
    this.ds = ds;
    this.dir = dir;
    this.period = period;
  }

  @Override
  public void run() {
    run++;
    long t0 = System.nanoTime();
    LOG.info("Invoice export {} run #{} started", period, run);
    try {
      List<InvoiceLine> lines = new ArrayList<>();
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "SELECT l.id, l.invoice_id, l.customer_id, l.sku, l.description, l.quantity, l.unit_price, l.created_at"
                  + " FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.period = ? ORDER BY l.id")) {
        ps.setString(1, period);
        try (ResultSet rs = ps.executeQuery()) {
          LOG.info("Invoice export {}: query returned after {} ms", period, ms(t0));
          while (rs.next()) {
            lines.add(new InvoiceLine(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getBigDecimal(7), rs.getObject(8, OffsetDateTime.class)));
          }
        }
      }
      LOG.info("Invoice export {}: loaded {} invoice lines after {} ms", period, lines.size(), ms(t0));

      Map<Integer, List<InvoiceLine>> byCustomer = new HashMap<>();
      Map<String, BigDecimal> bySku = new HashMap<>();
      for (InvoiceLine l : lines) {
        byCustomer.computeIfAbsent(l.customerId(), k -> new ArrayList<>()).add(l);
        bySku.merge(l.sku(), l.amount(), BigDecimal::add);
      }
      LOG.info("Invoice export {}: grouped into {} customers and {} SKUs after {} ms", period, byCustomer.size(),
          bySku.size(), ms(t0));

      Map<Integer, String> statements = new TreeMap<>();
      for (Map.Entry<Integer, List<InvoiceLine>> e : byCustomer.entrySet()) {
        StringBuilder sb = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        for (InvoiceLine l : e.getValue()) {
          BigDecimal amount = l.amount();
          total = total.add(amount);
          sb.append(e.getKey()).append(',').append(l.invoiceId()).append(',').append(l.id()).append(',')
              .append(l.sku()).append(",\"").append(l.description()).append("\",").append(l.quantity()).append(',')
              .append(l.unitPrice()).append(',').append(amount).append(',').append(l.createdAt()).append('\n');
        }
        sb.append(e.getKey()).append(",,,TOTAL,,,,").append(total).append(",\n");
        statements.put(e.getKey(), sb.toString());
      }
      LOG.info("Invoice export {}: rendered {} statements after {} ms", period, statements.size(), ms(t0));

      Path out = dir.resolve("invoices-" + period + ".csv.gz");
      try (Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out)),
          StandardCharsets.UTF_8))) {
        w.write("customer_id,invoice_id,line_id,sku,description,quantity,unit_price,amount,created_at\n");
        for (String s : statements.values()) {
          w.write(s);
        }
      }
      LOG.info("Invoice export {} run #{} finished: {} lines, {} customers, {} KB written to {}, took {} ms", period, run,
          lines.size(), statements.size(), Files.size(out) / 1024, out, ms(t0));
    } catch (Throwable e) {
      LOG.error("Invoice export {} run #{} failed after {} ms", period, run, ms(t0), e);
    }
  }

  private static long ms(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}

package com.example.booking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patients' app, bounded: USERS simulated users for SECONDS seconds, each looping over a journey
 * (look at a clinic's free slots for a day; half of the time book a free place; then often open the
 * booking), thinking 1-3 s between requests. The app's HTTP timeout is 10 s. Every 10 s one summary
 * line of status counts goes to stdout (the driver's log, not the bundle).
 *
 * Usage: LoadClient BASE_URL USERS SECONDS
 */
public final class LoadClient {
  private static final Pattern FREE_SLOT = Pattern.compile("\"id\":(\\d+),\"startsAt\":\"[^\"]*\",\"free\":([1-9]\\d*)");
  private static final Pattern BOOKED = Pattern.compile("\"id\":(\\d+),\"slotId\"");
  private static final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int users = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      Thread t = new Thread(() -> user(http, base, deadline), "user-" + u);
      t.setDaemon(true);
      t.start();
      threads.add(t);
      Thread.sleep(150);
    }
    while (System.nanoTime() < deadline) {
      Thread.sleep(Math.min(10_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      Map<String, Long> snap = new TreeMap<>();
      counts.forEach((k, v) -> snap.put(k, v.getAndSet(0)));
      System.out.println("[load " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] last 10 s: " + snap);
    }
    for (Thread t : threads) t.join(12_000);
  }

  private static void user(HttpClient http, String base, long deadline) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    List<Long> mine = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      int clinic = 1 + rnd.nextInt(40);
      LocalDate day = LocalDate.now(ZoneId.systemDefault()).plusDays(1 + rnd.nextInt(14));
      String slots = get(http, base + "/api/clinics/" + clinic + "/slots?day=" + day);
      think(rnd);
      Matcher m = slots == null ? null : FREE_SLOT.matcher(slots);
      if (m != null && m.find() && rnd.nextInt(100) < 50) {
        List<String> free = new ArrayList<>();
        do free.add(m.group(1)); while (m.find());
        String slotId = free.get(rnd.nextInt(free.size()));
        String created = post(http, base + "/api/bookings", "slotId=" + slotId + "&patient=patient-" + (100000 + rnd.nextInt(65536)));
        Matcher b = created == null ? null : BOOKED.matcher(created);
        if (b != null && b.find()) mine.add(Long.parseLong(b.group(1)));
        think(rnd);
      }
      if (!mine.isEmpty() && rnd.nextInt(100) < 60) {
        get(http, base + "/api/bookings/" + mine.get(rnd.nextInt(mine.size())));
        think(rnd);
      } else if (rnd.nextInt(100) < 20) {
        get(http, base + "/api/bookings/" + (60001 + rnd.nextInt(60000)));
        think(rnd);
      }
    }
  }

  private static String get(HttpClient http, String url) {
    return send(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  private static String post(HttpClient http, String url, String form) {
    return send(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private static String send(HttpClient http, HttpRequest req) {
    String key = req.method();
    try {
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      count(key + " " + resp.statusCode());
      return resp.statusCode() < 300 ? resp.body() : null;
    } catch (HttpTimeoutException e) {
      count(key + " timeout");
    } catch (Exception e) {
      count(key + " " + e.getClass().getSimpleName());
    }
    return null;
  }

  private static void count(String key) {
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  private static void think(ThreadLocalRandom rnd) {
    try {
      Thread.sleep(1000 + rnd.nextInt(2000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private LoadClient() {}
}

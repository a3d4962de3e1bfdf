import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An inventory service's reservation worker with a busy-wait: it polls the reservation queue with
 * `poll()` (no timeout) and, when the queue is empty, loops straight back — it never waits. A second
 * worker does the same job properly, blocking in `take()`. Both are RUNNABLE-or-WAITING threads of the
 * program; only the first burns a core.
 */
public class Inventory {
  static final BlockingQueue<String> reservations = new ArrayBlockingQueue<>(1024);
  static final BlockingQueue<String> restocks = new ArrayBlockingQueue<>(1024);
  static volatile long spins;

  static void drainReservations() {
    Deque<String> batch = new ArrayDeque<>();
    while (true) {
      String r = reservations.poll(); // BUG: busy-waits on an empty queue instead of take()/poll(timeout)
      if (r == null) {
        spins++;
        continue;
      }
      batch.add(r);
    }
  }

  static void applyRestocks() throws InterruptedException {
    while (true) {
      String r = restocks.take();
      if (r.isEmpty()) return;
    }
  }

  public static void main(String[] args) throws Exception {
    Thread spinner = new Thread(Inventory::drainReservations, "reservation-drainer");
    spinner.setDaemon(true);
    spinner.start();
    Thread waiter = new Thread(() -> {
      try {
        applyRestocks();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "restock-applier");
    waiter.setDaemon(true);
    waiter.start();
    System.out.println("ready " + ProcessHandle.current().pid());
    System.out.flush();
    TimeUnit.MINUTES.sleep(10);
  }
}

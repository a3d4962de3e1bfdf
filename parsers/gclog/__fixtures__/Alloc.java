// A tiny allocating program used only to produce real GC logs for the gclog parser tests (see make-fixtures.sh).
// Modes:
//   churn  - short-lived garbage plus a slowly growing retained set that is dropped now and then,
//            one explicit System.gc() (a Full GC with cause "System.gc()") and exit.
//   leak   - retain until the heap is exhausted (To-space exhausted / Full GC / OutOfMemoryError), then exit.
//   wait   - build a small retained set with a few distinct classes, print "ready" and sleep, so that
//            jmap -histo / jcmd GC.class_histogram can be run against it.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Alloc {
    static final class Session {
        final String id;
        final byte[] payload;
        final Map<String, Long> attrs = new HashMap<>();

        Session(int n, int size) {
            this.id = "session-" + n;
            this.payload = new byte[size];
            attrs.put("created", (long) n);
        }
    }

    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "churn";
        switch (mode) {
            case "churn" -> churn();
            case "leak" -> leak();
            case "wait" -> waitForHisto();
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static void churn() {
        List<Session> retained = new ArrayList<>();
        for (int round = 0; round < 600_000; round++) {
            sink = new byte[1024 + (round % 7) * 512];
            if (round % 40 == 0) retained.add(new Session(round, 4096));
            if (retained.size() > 9_000) retained.subList(0, 6_000).clear();
            if (round == 450_000) System.gc();
        }
        System.out.println("retained " + retained.size());
    }

    static void leak() {
        List<Session> retained = new ArrayList<>();
        try {
            for (int n = 0; ; n++) {
                retained.add(new Session(n, 8192));
                sink = new byte[2048];
            }
        } catch (OutOfMemoryError e) {
            int size = retained.size();
            retained = null;
            System.out.println("OutOfMemoryError after " + size + " sessions");
        }
    }

    static void waitForHisto() throws InterruptedException {
        List<Session> retained = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) retained.add(new Session(n, 256));
        sink = retained;
        System.out.println("ready");
        Thread.sleep(60_000);
    }
}

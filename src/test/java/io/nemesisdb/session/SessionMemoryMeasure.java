package io.nemesisdb.session;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;

import javax.management.ObjectName;

import io.nemesisdb.protocol.EnvelopeParser;
import jakarta.json.JsonObject;

/**
 * Measures the heap a session costs: creates N sessions (default 1,000,000) with two small keys
 * each, stored exactly as the server stores a parsed {@code KV_SET}, and prints the heap used
 * after a full GC, before and after, per session, and the largest classes per session. Not a test; run it by hand:
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.nemesisdb.session.SessionMemoryMeasure 1000000
 * </pre>
 */
public final class SessionMemoryMeasure {

    private SessionMemoryMeasure() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        EnvelopeParser parser = new EnvelopeParser(1000);
        SecureRandom random = new SecureRandom();
        SessionStore store = new SessionStore(NanoClock.SYSTEM, random::nextLong);
        long before = usedAfterGc();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Expiry expiry = i % 2 == 0 ? Expiry.NEVER : new Expiry(3600, true);
            Session session = store.createPrivate(expiry);
            String request = "{\"KV_SET\":{\"tkn\":" + Long.toUnsignedString(session.token())
                    + ",\"keys\":{\"name\":\"user" + i + "\",\"age\":" + (i % 100) + "}}}";
            JsonObject keys = ((JsonObject) parser.parse(request).body()).getJsonObject("keys");
            store.access(session.token()).keySpace().setAll(keys);
        }
        long elapsed = System.nanoTime() - start;
        long after = usedAfterGc();
        Sessions.Totals totals = store.totals();
        System.out.printf("sessions: %,d, keys: %,d, created in %,d ms%n", totals.sessions(), totals.keys(), elapsed / 1_000_000);
        System.out.printf("heap used after GC: %,d MiB before, %,d MiB after; max heap %,d MiB%n",
                before >> 20, after >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("per session (2 small keys included): %,d bytes%n", (after - before) / count);
        System.out.println("largest classes, bytes and instances per session:");
        printLargestClasses(count, 12);
    }

    /** The first {@code lines} lines of the JVM's class histogram ({@code jcmd GC.class_histogram}), per session. */
    private static void printLargestClasses(int count, int lines) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.lines().map(String::trim).filter(line -> line.matches("\\d+:.*")).limit(lines).forEach(line -> {
            String[] fields = line.split("\\s+");
            System.out.printf("  %7.1f B %6.2f  %s%n", Long.parseLong(fields[2]) / (double) count,
                    Long.parseLong(fields[1]) / (double) count, fields[3]);
        });
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

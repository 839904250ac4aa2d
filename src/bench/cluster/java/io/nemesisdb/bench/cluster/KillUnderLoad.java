package io.nemesisdb.bench.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kill -9 of member C while A writes (three KV writers, one session writer through the entry processor), with
 * one synchronous backup: afterwards every write A saw acknowledged must be readable through A and through B.
 */
final class KillUnderLoad {

    private static final int KV_WRITERS = 3;

    private final SpikeGrid a;
    private final MemberProcess b;
    private final MemberProcess c;
    private final long[] attempted = new long[KV_WRITERS + 1];
    private final List<List<Long>> failed = new ArrayList<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong slowestNanos = new AtomicLong();
    private volatile boolean writing = true;

    KillUnderLoad(SpikeGrid a, MemberProcess b, MemberProcess c) {
        this.a = a;
        this.b = b;
        this.c = c;
        for (int i = 0; i <= KV_WRITERS; i++) {
            failed.add(new ArrayList<>());
        }
    }

    void run(long phaseMillis) throws InterruptedException {
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t <= KV_WRITERS; t++) {
            int thread = t;
            writers.add(Thread.ofPlatform().start(() -> write(thread)));
        }
        Thread.sleep(phaseMillis);
        long killedAt = System.nanoTime();
        c.killHard();
        Thread.sleep(2 * phaseMillis);
        writing = false;
        for (Thread writer : writers) {
            writer.join();
        }
        long writesStopped = System.nanoTime();
        ClusterSpike.awaitSize(a, 2);
        ClusterSpike.awaitSettled(a);
        System.out.printf("kill -9 of C %d ms into the load; %d ms more of writes; slowest write %d ms; errors seen by"
                + " A's writers %s; partitions settled again %d ms after the kill%n", phaseMillis,
                (writesStopped - killedAt) / 1_000_000, slowestNanos.get() / 1_000_000, new TreeMap<>(errors),
                (System.nanoTime() - killedAt) / 1_000_000);
        long[] kvCounts = Arrays.copyOf(attempted, KV_WRITERS);
        long acknowledged = 0;
        for (int t = 0; t <= KV_WRITERS; t++) {
            acknowledged += attempted[t] - failed.get(t).size();
        }
        System.out.printf("  acknowledged writes %d (kv %s, sessions %d), failed %d%n", acknowledged,
                Arrays.toString(kvCounts), attempted[KV_WRITERS],
                failed.stream().mapToInt(List::size).sum());
        report("A", lost(MemberChecks.missingKv(a, kvCounts)), lost(MemberChecks.missingSessions(a, attempted[KV_WRITERS])));
        StringBuilder counts = new StringBuilder("verify-kv");
        for (long count : kvCounts) {
            counts.append(' ').append(count);
        }
        report("B", lost(b.ask(counts.toString(), 120)), lost(b.ask("verify-sessions " + attempted[KV_WRITERS], 120)));
    }

    private void write(int thread) {
        for (long n = 0; writing; n++) {
            long start = System.nanoTime();
            try {
                if (thread < KV_WRITERS) {
                    a.set(MemberChecks.killKey(thread, n), (int) n);
                } else {
                    a.sessionWritePair(MemberChecks.killSession(n), (int) n);
                }
            } catch (RuntimeException e) {
                failed.get(thread).add(n);
                errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            }
            slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            attempted[thread] = n + 1;
        }
    }

    /** Missing keys minus the writes that failed (a failed write may or may not have been applied). */
    private String lost(String memberReply) {
        String list = memberReply.substring(memberReply.indexOf('[') + 1, memberReply.lastIndexOf(']'));
        return lost(list.isEmpty() ? List.of() : List.of(list.split(", ")));
    }

    private String lost(List<String> missing) {
        List<String> lost = new ArrayList<>(missing);
        lost.removeAll(failedKeys());
        return "missing=" + missing.size() + " lost-acknowledged=" + lost;
    }

    private List<String> failedKeys() {
        List<String> keys = new ArrayList<>();
        for (int t = 0; t <= KV_WRITERS; t++) {
            for (long n : failed.get(t)) {
                keys.add(t < KV_WRITERS ? MemberChecks.killKey(t, n) : MemberChecks.killSession(n));
            }
        }
        return keys;
    }

    private void report(String member, String kv, String sessions) {
        System.out.printf("  read through %s: kv %s; sessions %s%n", member, kv, sessions);
    }
}

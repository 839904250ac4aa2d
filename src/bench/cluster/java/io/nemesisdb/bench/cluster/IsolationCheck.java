package io.nemesisdb.bench.cluster;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Pairs {a:i, b:i} written through A with increasing i, read through B and C at the same time: a read with
 * {@code a != b} is torn. The control run (bulk put, not atomic across partitions) shows the checker can fail.
 * The two KV keys have different owners, A and another member.
 */
final class IsolationCheck {

    private final SpikeGrid a;
    private final MemberProcess b;
    private final MemberProcess c;
    private final String keyA;
    private final String keyB;
    private int next;

    IsolationCheck(SpikeGrid a, MemberProcess b, MemberProcess c) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.keyA = firstKey(true);
        this.keyB = firstKey(false);
    }

    void run(long millis) throws InterruptedException {
        a.sessionWritePair(MemberChecks.SESSION, next);
        a.setAll(Map.of(keyA, next, keyB, next));
        phase("session: entry processor writes", "session", "session", millis,
                i -> a.sessionWritePair(MemberChecks.SESSION, i));
        phase("kv control: bulk put writes", "kv-plain", "kv-plain", millis,
                i -> a.setAll(Map.of(keyA, i, keyB, i)));
        phase("kv: atomic multi-key writes", "kv-plain", "kv-atomic", millis,
                i -> a.kvWritePairAtomic(keyA, keyB, i));
    }

    private void phase(String name, String modeB, String modeC, long millis, IntConsumer write)
            throws InterruptedException {
        String keys = " " + millis + " " + keyA + " " + keyB;
        b.send("torn " + modeB + keys);
        c.send("torn " + modeC + keys);
        long end = System.nanoTime() + millis * 1_000_000;
        int writes = 0;
        while (System.nanoTime() < end) {
            write.accept(++next);
            writes++;
        }
        System.out.printf("isolation %s through A: %d writes; B %s; C %s%n", name, writes, b.reply(60), c.reply(60));
    }

    private String firstKey(boolean ownedByA) {
        for (int i = 0; ; i++) {
            String key = "pair-" + i;
            if (a.ownsLocally(key) == ownedByA) {
                return key;
            }
        }
    }
}

package io.nemesisdb.bench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Kill -9 of the member running KV multi-key writes: B writes pairs whose keys A and B own, with the engine's
 * atomic mechanism, and is killed in the middle; afterwards every pair read through A must be whole.
 */
final class WriterKill {

    private static final int PAIRS = 8;

    private final SpikeGrid a;
    private final MemberProcess b;

    WriterKill(SpikeGrid a, MemberProcess b) {
        this.a = a;
        this.b = b;
    }

    void run(long phaseMillis) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        for (int p = 0; p < PAIRS; p++) {
            keys.add(key("writer-kill-" + p + "-a-", true));
            keys.add(key("writer-kill-" + p + "-b-", false));
        }
        String reply = b.ask("write-pairs " + String.join(" ", keys), 30);
        Thread.sleep(phaseMillis);
        long killedAt = System.nanoTime();
        b.killHard();
        ClusterSpike.awaitSize(a, 1);
        System.out.printf("kill -9 of B while it was %s (keys owned by A and by B): A alone %d ms later%n",
                reply, (System.nanoTime() - killedAt) / 1_000_000);
        System.out.println("  pairs read through A at once: " + pairs(keys));
        Thread.sleep(5000);
        System.out.println("  pairs read through A 5 s later: " + pairs(keys));
    }

    private String pairs(List<String> keys) {
        int torn = 0;
        StringBuilder values = new StringBuilder();
        for (int p = 0; p < keys.size(); p += 2) {
            int[] pair = a.kvReadPairPlain(keys.get(p), keys.get(p + 1));
            values.append(' ').append(pair[0]).append('/').append(pair[1]);
            if (pair[0] != pair[1]) {
                torn++;
            }
        }
        return "torn=" + torn + " of " + keys.size() / 2 + ", a/b:" + values;
    }

    private String key(String prefix, boolean ownedByA) {
        for (int i = 0; ; i++) {
            if (a.ownsLocally(prefix + i) == ownedByA) {
                return prefix + i;
            }
        }
    }
}

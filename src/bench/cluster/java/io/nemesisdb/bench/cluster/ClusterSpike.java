package io.nemesisdb.bench.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-mode engine spike (issue 20): member A in this JVM, members B and C as child JVMs on 127.0.0.1,
 * then correctness (isolation read through B and C, expiry seen from every member, kill -9 of C under write
 * load, then kill -9 of B while it runs multi-key writes) and cost per command (window 1 and pipelined,
 * against an in-process ConcurrentHashMap).
 * Usage: {@code ClusterSpike coherence|hazelcast [phase-ms] [rounds] [alone]}; with {@code alone}, member A by
 * itself runs only the cost table (keys it owns). Results in src/site/markdown/cluster.md.
 */
public final class ClusterSpike {

    private ClusterSpike() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        long phaseMillis = args.length > 1 ? Long.parseLong(args[1]) : 1500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean alone = args.length > 3 && args[3].equals("alone");
        long started = System.nanoTime();
        try (SpikeGrid a = SpikeGrid.start(engine, 0)) {
            if (alone) {
                new CommandCost(a, phaseMillis, rounds).print(engine);
            } else {
                inCluster(engine, a, started, phaseMillis, rounds);
            }
        }
        System.exit(0);
    }

    /**
     * A key with a 1 s engine TTL, then a session deadline 1 s ahead kept as data, written through A and watched
     * from A, B and C until gone.
     */
    private static void checkExpiry(SpikeGrid a, MemberProcess b, MemberProcess c) throws Exception {
        for (String how : new String[] {"ttl", "deadline"}) {
            for (int trial = 0; trial < 3; trial++) {
                String key = how + "-" + trial;
                long earliest = System.currentTimeMillis() + 1000;
                if (how.equals("ttl")) {
                    a.setWithTtl(key, trial, 1000);
                } else {
                    a.setDeadline(key, earliest);
                }
                long latest = how.equals("ttl") ? System.currentTimeMillis() + 1000 : earliest;
                String command = "expiry " + how + " " + key + " " + earliest + " " + latest;
                b.send(command);
                c.send(command);
                String onA = MemberChecks.expiry(a, how, key, earliest, latest);
                System.out.printf("expiry %s trial %d: A %s; B %s; C %s%n", how, trial, onA, b.reply(30), c.reply(30));
            }
        }
    }

    private static void inCluster(String engine, SpikeGrid a, long started, long phaseMillis, int rounds)
            throws Exception {
        List<MemberProcess> others = new ArrayList<>();
        try {
            for (int index = 1; index <= 2; index++) {
                others.add(MemberProcess.start(engine, index,
                        Path.of(System.getProperty("java.io.tmpdir"), "cluster-spike-" + engine + "-" + index + ".log")));
            }
            for (MemberProcess member : others) {
                System.out.println("member " + member.pid() + ": " + member.reply(120));
            }
            awaitSize(a, 3);
            System.out.printf("%s: 3 members up in %d ms%n", engine, (System.nanoTime() - started) / 1_000_000);
            awaitSettled(a);
            System.out.printf("%s: partitions settled after %d ms%n", engine, (System.nanoTime() - started) / 1_000_000);
            MemberProcess b = others.get(0);
            MemberProcess c = others.get(1);
            new CommandCost(a, phaseMillis, rounds).print(engine);
            new IsolationCheck(a, b, c).run(2 * phaseMillis);
            checkExpiry(a, b, c);
            new KillUnderLoad(a, b, c).run(phaseMillis);
            new WriterKill(a, b).run(phaseMillis);
        } finally {
            for (MemberProcess member : others) {
                member.close();
            }
        }
    }

    static void awaitSettled(SpikeGrid grid) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + 120_000;
        while (!grid.settled()) {
            if (System.currentTimeMillis() > giveUp) {
                throw new IllegalStateException("partitions not settled after 120 s");
            }
            Thread.sleep(50);
        }
    }

    static void awaitSize(SpikeGrid grid, int size) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + 120_000;
        while (grid.clusterSize() != size) {
            if (System.currentTimeMillis() > giveUp) {
                throw new IllegalStateException("cluster size " + grid.clusterSize() + ", expected " + size);
            }
            Thread.sleep(50);
        }
    }
}

package io.nemesisdb.bench.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;

/**
 * A member JVM of the spike: starts member {@code index} of an engine, prints {@code SPIKE ready}, then runs one
 * {@link MemberChecks} check per line of standard input and prints its result as {@code SPIKE <result>}.
 * Lines: {@code torn <mode> <ms> <a> <b>}, {@code expiry ttl|deadline <key> <earliest> <latest>}, {@code verify-kv <count>...},
 * {@code verify-sessions <count>}, {@code write-pairs <a> <b>...}, {@code exit}.
 */
public final class SpikeMember {

    private SpikeMember() {
    }

    public static void main(String[] args) throws Exception {
        try (SpikeGrid grid = SpikeGrid.start(args[0], Integer.parseInt(args[1]))) {
            System.out.println("SPIKE ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                String[] words = line.split(" ");
                String result = switch (words[0]) {
                    case "torn" -> MemberChecks.torn(grid, words[1], Long.parseLong(words[2]), words[3],
                            words[4]);
                    case "expiry" -> MemberChecks.expiry(grid, words[1], words[2], Long.parseLong(words[3]),
                            Long.parseLong(words[4]));
                    case "verify-kv" -> "missing=" + MemberChecks.missingKv(grid,
                            Arrays.stream(words, 1, words.length).mapToLong(Long::parseLong).toArray());
                    case "verify-sessions" -> "missing="
                            + MemberChecks.missingSessions(grid, Long.parseLong(words[1]));
                    case "write-pairs" -> MemberChecks.writePairsUntilKilled(grid,
                            Arrays.copyOfRange(words, 1, words.length));
                    default -> "unknown command " + words[0];
                };
                System.out.println("SPIKE " + result);
            }
        }
    }
}

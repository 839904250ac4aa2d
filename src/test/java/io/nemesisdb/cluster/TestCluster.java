package io.nemesisdb.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.ConformanceRun;
import io.nemesisdb.support.PrometheusText;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.WsClient;

/**
 * Cluster members in JVMs of their own on 127.0.0.1, in sessions mode unless the settings say
 * {@code nemesis.sessions-enabled=false}, each with a persist path
 * of its own under the test's folder ({@code member-<cluster port>}), joined under a cluster name
 * of their own; for the tests that need a real cluster of servers. Close it to kill them all.
 */
final class TestCluster implements AutoCloseable {

    /**
     * Hazelcast's timings shortened for tests (its defaults suit real networks): the join waits
     * 1 s instead of 5 for other members, and a member that stops answering is dropped after 5 s
     * without heartbeats (sent every second) instead of 60.
     */
    private static final Map<String, String> QUICK_HAZELCAST = Map.of(
            "hazelcast.wait.seconds.before.join", "1",
            "hazelcast.heartbeat.interval.seconds", "1",
            "hazelcast.max.no.heartbeat.seconds", "5");

    /** How long a member may take to start, join or see a change: long, for a crowded machine. */
    static final long WAIT_SECONDS = 180;

    private final List<ServerProcess> members;
    private final List<Path> persistPaths;
    private final List<Integer> ports = new ArrayList<>();

    private TestCluster(List<ServerProcess> members, List<Path> persistPaths) {
        this.members = members;
        this.persistPaths = persistPaths;
    }

    /** Starts {@code count} members with {@code settings} added to each one's, without waiting for them. */
    static TestCluster start(Path dir, int count, Map<String, String> settings) throws IOException {
        List<Integer> clusterPorts = freePorts(count);
        String addresses = clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        List<ServerProcess> started = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int port : clusterPorts) {
            Map<String, String> member = new HashMap<>(QUICK_HAZELCAST);
            Path persist = Files.createDirectories(dir.resolve("member-" + port));
            paths.add(persist);
            member.put("nemesis.persist.path", persist.toString());
            member.put("nemesis.cluster.enabled", "true");
            member.put("nemesis.sessions-enabled", "true");
            member.put("nemesis.cluster.name", "test-" + clusterPorts.get(0));
            member.put("nemesis.cluster.members", addresses);
            member.put("nemesis.cluster.port", Integer.toString(port));
            member.putAll(settings);
            started.add(ServerProcess.startWithHeap("256m", member));
        }
        return new TestCluster(started, paths);
    }

    /** Starts {@code count} members as {@link #start} does and waits until they have formed one cluster, each ready. */
    static TestCluster formed(Path dir, int count, Map<String, String> settings) throws IOException, InterruptedException {
        TestCluster cluster = start(dir, count, settings);
        try {
            cluster.awaitFormed();
            for (ServerProcess member : cluster.members) {
                cluster.ports.add(member.awaitReady());
            }
            return cluster;
        } catch (InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** A new client of member {@code index}'s WebSocket port (of a cluster from {@link #formed}). */
    WsClient connect(int index) throws IOException {
        return WsClient.connect(ports.get(index));
    }

    /** Prints how long a phase of {@code test} took: a figure for the log, never a pass or fail. */
    static void wallTime(String test, String phase, long startedNanos) {
        System.out.printf("%s: %s in %d ms%n", test, phase, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Waits until every member has started and each sees all of them and reports itself ready. */
    void awaitFormed() throws InterruptedException {
        for (ServerProcess member : members) {
            member.awaitReady((int) WAIT_SECONDS);
        }
        await("all " + members.size() + " members, each ready",
                () -> members.stream().allMatch(m -> members(m) == members.size() && ready(m)));
    }

    List<ServerProcess> members() {
        return members;
    }

    ServerProcess member(int index) {
        return members.get(index);
    }

    /** Member {@code index}'s {@code nemesis.persist.path}. */
    Path persistPath(int index) {
        return persistPaths.get(index);
    }

    /**
     * Runs the conformance suite against member {@code index} (its persist path given, so that the
     * run removes the datasets it saved), skipping {@code skipTags}; returns the runner's exit status
     * and writes its report to {@code target/conformance-<name>.xml}.
     */
    int conformance(int index, String name, String mode, int maxPayload, List<String> skipTags) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--url", "ws://127.0.0.1:" + members.get(index).awaitReady() + "/",
                "--mode", mode, "--max-payload", Integer.toString(maxPayload),
                "--report", "target/conformance-" + name + ".xml", "--persist-path", persistPaths.get(index).toString()));
        for (String tag : skipTags) {
            arguments.addAll(List.of("--skip-tag", tag));
        }
        return ConformanceRun.run(ConformanceRun.compile(), name, arguments);
    }

    static double metric(ServerProcess member, String name) throws IOException, InterruptedException {
        return PrometheusText.value(AdminClient.get(member.adminPort(), "/metrics").body(), name);
    }

    static boolean ready(ServerProcess member) {
        try {
            return AdminClient.get(member.adminPort(), "/health/ready").status() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The members {@code member} sees, itself included; -1 when it does not answer. */
    static int members(ServerProcess member) {
        try {
            return (int) metric(member, "nemesis_cluster_members");
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** Polls {@code condition} until it holds; fails, saying {@code what} and the members' logs, after WAIT_SECONDS. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never " + what + ": " + members.stream().map(ServerProcess::log).toList());
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess member : members) {
            member.close();
        }
    }
}

package io.nemesisdb.cluster;

import static io.nemesisdb.cluster.TestCluster.freePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode's start-up, in JVMs of their own on 127.0.0.1: a server with the mode off starts no
 * member at all; bad settings, and KV mode (which has no grid store yet), stop the start-up with
 * one line. A cluster of three (joins, readiness, a member killed and one leaving, the metrics of
 * both) is tested with its data, on one cluster, in {@code ClusterSessionsTest}.
 */
@ChildServersOnly
class ClusterMembershipTest {

    @TempDir
    Path dir;

    @Test
    void withTheModeOffNoHazelcastClassIsLoadedAndNoClusterPortOpened() throws Exception {
        int clusterPort = freePorts(1).get(0);
        Map<String, String> settings = Map.of("nemesis.persist.path", dir.toString(),
                "nemesis.cluster.members", "127.0.0.1:" + clusterPort, "nemesis.cluster.port", Integer.toString(clusterPort));
        try (ServerProcess server = ServerProcess.start(settings, Map.of("JDK_JAVA_OPTIONS", "-verbose:class"))) {
            int port = server.awaitReady();
            List<String> hazelcast = server.stdout().stream().filter(line -> line.contains("com.hazelcast")).toList();
            assertEquals(List.of(), hazelcast);
            assertTrue(server.stdout().stream().anyMatch(line -> line.contains("io.nemesisdb.cluster.ClusterExtension")),
                    "-verbose:class did not take effect");
            Set<Integer> listening = listeningPorts(server.process().pid());
            assertTrue(listening.containsAll(Set.of(port, server.adminPort())), listening::toString);
            assertFalse(listening.contains(clusterPort), listening::toString);
        }
    }

    /** The TCP ports process {@code pid} listens on: its sockets (/proc/PID/fd) in LISTEN state in /proc/net/tcp{,6}. */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    void badClusterSettingsStopTheStartUpWithOneLine() throws Exception {
        Map<String, String> noMembers = Map.of("nemesis.persist.path", dir.toString(), "nemesis.cluster.enabled", "true");
        try (ServerProcess server = ServerProcess.start(noMembers)) {
            assertEquals(2, server.awaitExit(60));
            assertTrue(server.log().contains("nemesisdb: setting nemesis.cluster.members is empty, but cluster mode is on"),
                    server.log());
        }
        int clusterPort = freePorts(1).get(0);
        try (ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", dir.toString(),
                "nemesis.cluster.enabled", "true", "nemesis.cluster.members", "127.0.0.1:" + clusterPort,
                "nemesis.cluster.port", Integer.toString(clusterPort)))) {
            assertEquals(2, server.awaitExit(60), server.log());
            assertTrue(server.log().contains("nemesisdb: nemesis.cluster.enabled=true needs nemesis.sessions-enabled=true:"
                    + " cluster mode has no KV-mode store yet"), server.log());
            assertFalse(server.log().contains("joined as"), "KV mode is refused before the member joins: " + server.log());
        }
        int taken = freePorts(1).get(0);
        try (ServerSocket occupied = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress());
             ServerProcess server = ServerProcess.start(Map.of("nemesis.persist.path", dir.toString(),
                     "nemesis.sessions-enabled", "true",
                     "nemesis.cluster.enabled", "true", "nemesis.cluster.members", "127.0.0.1:" + taken,
                     "nemesis.cluster.port", Integer.toString(taken)))) {
            assertEquals(1, server.awaitExit(60));
            assertTrue(server.log().contains("nemesisdb: cannot start the cluster member on 127.0.0.1:" + taken + ": port "
                    + taken + " is taken"), server.log());
            assertTrue(server.log().contains("set nemesis.cluster.port (NEMESIS_CLUSTER_PORT) to a free port"), server.log());
        }
    }
}

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

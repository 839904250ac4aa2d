package io.nemesisdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * KV mode on a cluster of three server JVMs (A, B, C) on 127.0.0.1, over real WebSockets: the
 * conformance suite passes against member B (but for the key-order cases: a cluster in KV mode
 * keeps no insertion order, cluster.md 5.4), clients of B and C read what a client of A wrote, and a
 * pair written in one KV_SET through A is never seen half-written by KV_GETs through B and C.
 * GridKvStoreTest adds, in one JVM, the crash of a member under writes and a save's round trip.
 * The cluster starts once; each phase prints its wall time, which decides nothing.
 */
@ChildServersOnly
@ResourceLock("ClusterKvTest")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterKvTest {

    private static final int MAX_PAYLOAD = 65536;

    @TempDir
    static Path dir;

    private TestCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        long started = System.nanoTime();
        cluster = TestCluster.formed(dir, 3, Map.of("nemesis.sessions-enabled", "false",
                "nemesis.max-payload", Integer.toString(MAX_PAYLOAD)));
        wallTime("three members started and formed", started);
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void wallTime(String phase, long startedNanos) {
        TestCluster.wallTime("ClusterKvTest", phase, startedNanos);
    }

    private WsClient connect(int member) throws IOException {
        return cluster.connect(member);
    }

    private static JsonObject ok(WsClient client, String request, String reply) throws IOException {
        String text = client.request(request);
        JsonObject body = Replies.body(text, reply);
        assertEquals(1, body.getInt("st"), () -> request + " -> " + text);
        return body;
    }

    @Test
    @Order(1)
    void theConformanceSuitePassesAgainstMemberB() throws Exception {
        long started = System.nanoTime();
        int exit = cluster.conformance(1, "cluster-kv", "kv", MAX_PAYLOAD, List.of("key-order", "save-point-in-time"));
        wallTime("conformance suite against member B", started);
        assertEquals(0, exit, "conformance suite failed against member B of the cluster (failing cases above): "
                + cluster.member(1).log());
    }

    @Test
    @Order(2)
    void aClientOnAWritesAClientOnBReadsAndRemovesAndAClientOnCSeesIt() throws Exception {
        try (WsClient a = connect(0); WsClient b = connect(1); WsClient c = connect(2)) {
            String value = "{\"name\":\"Ann\",\"tags\":[\"x\",\"y\"],\"n\":18446744073709551615,\"u\":\"\u00e9\u2603\"}";
            ok(a, "{\"KV_SET\":{\"keys\":{\"user\":" + value + ",\"n\":2,\"s\":\"t\"}}}", "KV_SET_RSP");
            JsonObject got = ok(b, "{\"KV_GET\":{\"keys\":[\"user\",\"n\",\"s\"]}}", "KV_GET_RSP");
            assertEquals(Replies.parse("{\"user\":" + value + ",\"n\":2,\"s\":\"t\"}"), got.getJsonObject("keys"));
            ok(b, "{\"KV_RMV\":{\"keys\":[\"user\",\"n\"]}}", "KV_RMV_RSP");
            assertEquals(Replies.parse("{\"s\":\"t\"}"),
                    ok(c, "{\"KV_GET\":{\"keys\":[\"user\",\"n\",\"s\"]}}", "KV_GET_RSP").getJsonObject("keys"));
        }
    }

    @Test
    @Order(3)
    void pairsWrittenThroughAAreNeverSeenHalfWrittenThroughBOrC() throws Exception {
        long started = System.nanoTime();
        try (WsClient a = connect(0)) {
            ok(a, "{\"KV_SET\":{\"keys\":{\"pa\":0,\"pb\":0}}}", "KV_SET_RSP");
        }
        AtomicPairs.Result result = AtomicPairs.check(() -> connect(0), List.of(() -> connect(1), () -> connect(2)),
                i -> "{\"KV_SET\":{\"keys\":{\"pa\":" + i + ",\"pb\":" + i + "}}}", "KV_SET_RSP",
                "{\"KV_GET\":{\"keys\":[\"pa\",\"pb\"]}}", "KV_GET_RSP", "pa", "pb", 3_000);
        assertTrue(result.writes() > 10 && result.reads() > 10, result.toString());
        System.out.printf("ClusterKvTest: atomicity: %d pair writes through A, %d reads through B and C%n", result.writes(), result.reads());
        assertEquals(List.of(), result.violations(), "half-written or older pairs seen through B or C");
        wallTime("atomicity checker", started);
    }
}

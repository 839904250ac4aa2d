package io.nemesisdb.cluster;

import static io.nemesisdb.cluster.TestCluster.members;
import static io.nemesisdb.cluster.TestCluster.metric;
import static io.nemesisdb.cluster.TestCluster.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.TestData;
import io.nemesisdb.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
 * Sessions mode on a cluster of three server JVMs (A, B, C) on 127.0.0.1, over real WebSockets:
 * the three form one cluster, each ready and safe; the start-up load fills the cluster once, the conformance suite passes against member B, a
 * client of one member reads what a client of another wrote, sessions live and expire across
 * members, each command is atomic whichever member reads, a save of the cluster loads into a
 * single server and back, a member killed with SIGKILL under a write load loses no
 * acknowledged write (the survivors stay ready, no partition lost), and one stopped with SIGTERM
 * saves the whole cluster before it leaves gracefully. The
 * cluster starts once for all of it (the kill and the stop come last); each phase prints its wall
 * time, which decides nothing.
 */
@ChildServersOnly
// the class runs beside others, but its tests one after the other, in order, on the one cluster
@ResourceLock("ClusterSessionsTest")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSessionsTest {

    /** Small enough that the suite's oversize cases stay cheap; the members and the runner share it. */
    private static final int MAX_PAYLOAD = 65536;
    private static final String SEED = "sessions_fixture";
    /** The members' nemesis.persist.save-on-stop. */
    private static final String ON_STOP = "on-stop";
    /** How long one reply may take: a command waits while the cluster replaces a killed member. */
    private static final int REPLY_MILLIS = 60_000;

    @TempDir
    static Path dir;

    private TestCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        long started = System.nanoTime();
        // every member asks for the same start-up load: the cluster must do it once
        cluster = TestCluster.formed(dir, 3, Map.of("nemesis.max-payload", Integer.toString(MAX_PAYLOAD),
                "nemesis.load.name", SEED, "nemesis.load.path", TestData.fixture("nemesisdb-0.6.4/sessions").toString(),
                "nemesis.persist.save-on-stop", ON_STOP));
        wallTime("three members started and formed", started);
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void wallTime(String phase, long startedNanos) {
        TestCluster.wallTime("ClusterSessionsTest", phase, startedNanos);
    }

    private WsClient connect(int member) throws IOException {
        return cluster.connect(member);
    }

    /** Sends {@code request} and returns the reply, waiting longer than {@link WsClient#request} does. */
    private static String ask(WsClient client, String request) throws IOException {
        client.sendText(request);
        WsClient.Frame frame = client.receive(REPLY_MILLIS);
        if (frame == null || !frame.isText()) {
            throw new IOException("no reply to " + request + ": " + frame);
        }
        return frame.text();
    }

    /** Asks and checks the reply's status; returns its body. */
    private static JsonObject ok(WsClient client, String request, String reply, int status) throws IOException {
        String text = ask(client, request);
        JsonObject body = Replies.body(text, reply);
        assertEquals(status, body.getInt("st"), () -> request + " -> " + text);
        return body;
    }

    private static JsonObject ok(WsClient client, String request, String reply) throws IOException {
        return ok(client, request, reply, 1);
    }

    /** A new session's token, as the unsigned decimal the protocol uses. */
    private static String newSession(WsClient client, String expiry) throws IOException {
        return token(ok(client, "{\"SH_NEW\":{\"name\":\"s\"" + expiry + "}}", "SH_NEW_RSP"));
    }

    private static String token(JsonObject body) {
        return body.getJsonNumber("tkn").bigIntegerValue().toString();
    }

    private static int status(WsClient client, String request, String reply) throws IOException {
        return Replies.status(ask(client, request), reply);
    }

    @Test
    @Order(1)
    void threeMembersFormOneClusterEachReadyAndSafe() throws Exception {
        for (ServerProcess member : cluster.members()) {
            assertEquals(1, metric(member, "nemesis_cluster_safe"));
            assertEquals(0, metric(member, "nemesis_cluster_partitions_lost_total"));
            assertTrue(AdminClient.get(member.adminPort(), "/health/ready").body().contains("\"clusterMembers\":3"));
        }
    }

    @Test
    @Order(2)
    void theStartUpLoadFillsTheClusterOnce() throws Exception {
        List<String> loaded = new ArrayList<>();
        for (ServerProcess member : cluster.members()) {
            if (member.log().contains("loaded '" + SEED + "' from ")) {
                loaded.add(member.log());
            } else {
                assertTrue(member.log().contains("the cluster's start-up load was done by another member"), member.log());
            }
        }
        assertEquals(1, loaded.size(), "members that loaded: " + loaded);
        for (int member = 0; member < 3; member++) {
            try (WsClient client = connect(member)) {
                JsonObject totals = ok(client, "{\"SH_INFO_ALL\":{}}", "SH_INFO_ALL_RSP");
                assertEquals(4, totals.getInt("totalSessions"));
                assertEquals(10, totals.getInt("totalKeys"));
                assertEquals("15992824868599950585", token(ok(client, "{\"SH_OPEN\":{\"name\":\"shared1\"}}", "SH_OPEN_RSP")));
            }
        }
    }

    @Test
    @Order(3)
    void theConformanceSuitePassesAgainstMemberB() throws Exception {
        long started = System.nanoTime();
        // a cluster's save copies each session at some moment between its 120 and 121 replies (cluster.md 5.9)
        int exit = cluster.conformance(1, "cluster-sessions", "sessions", MAX_PAYLOAD, List.of("save-point-in-time"));
        wallTime("conformance suite against member B", started);
        assertEquals(0, exit, "conformance suite failed against member B of the cluster (failing cases above): "
                + cluster.member(1).log());
    }

    @Test
    @Order(4)
    void aClientOnAWritesAndAClientOnBReads() throws Exception {
        try (WsClient a = connect(0); WsClient b = connect(1)) {
            String token = newSession(a, "");
            String value = "{\"name\":\"Ann\",\"tags\":[\"x\",\"y\"],\"n\":18446744073709551615,\"u\":\"\u00e9\u2603\"}";
            ok(a, "{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":{\"user\":" + value + ",\"n\":2}}}", "KV_SET_RSP");
            JsonObject got = ok(b, "{\"KV_GET\":{\"tkn\":" + token + ",\"keys\":[\"user\",\"n\"]}}", "KV_GET_RSP");
            assertEquals(Replies.parse("{\"user\":" + value + ",\"n\":2}"), got.getJsonObject("keys"));
        }
    }

    @Test
    @Order(5)
    void sessionsCreatedOnAAreFoundExtendedExpiredAndEndedThroughBAndC() throws Exception {
        long started = System.nanoTime();
        try (WsClient a = connect(0); WsClient b = connect(1); WsClient c = connect(2)) {
            double expiredBefore = expiredTotal();
            String deleted = newSession(a, ",\"expiry\":{\"duration\":2,\"deleteSession\":true}");
            String kept = newSession(a, ",\"expiry\":{\"duration\":2,\"deleteSession\":false}");
            String ended = newSession(a, "");
            String shared = token(ok(a, "{\"SH_NEW\":{\"name\":\"room-c\",\"shared\":true}}", "SH_NEW_RSP"));
            for (String token : List.of(deleted, kept)) {
                ok(a, "{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":{\"k\":1}}}", "KV_SET_RSP");
            }
            JsonObject exists = ok(b, "{\"SH_EXISTS\":{\"tkns\":[" + deleted + "," + kept + "," + ended + "]}}", "SH_EXISTS_RSP");
            assertEquals(3, exists.getJsonArray("exist").size(), exists::toString);
            assertEquals(1, ok(c, "{\"SH_INFO\":{\"tkn\":" + kept + "}}", "SH_INFO_RSP").getInt("keyCnt"));
            assertEquals(shared, token(ok(c, "{\"SH_OPEN\":{\"name\":\"room-c\"}}", "SH_OPEN_RSP")));

            // a KV_ command through B extends both: 1.3 s + 1.3 s after creation they are still there
            Thread.sleep(1_300);
            ok(b, "{\"KV_COUNT\":{\"tkn\":" + deleted + "}}", "KV_COUNT_RSP");
            ok(b, "{\"KV_COUNT\":{\"tkn\":" + kept + "}}", "KV_COUNT_RSP");
            Thread.sleep(1_300);
            assertEquals(1, ok(c, "{\"SH_INFO\":{\"tkn\":" + deleted + "}}", "SH_INFO_RSP").getInt("keyCnt"));
            assertEquals(1, ok(c, "{\"KV_GET\":{\"tkn\":" + kept + ",\"keys\":[\"k\"]}}", "KV_GET_RSP")
                    .getJsonObject("keys").getInt("k"));

            // then idle past their time: one gone, the other emptied, wherever asked
            Thread.sleep(2_300);
            assertEquals(100, status(b, "{\"SH_INFO\":{\"tkn\":" + deleted + "}}", "SH_INFO_RSP"));
            assertEquals(100, status(c, "{\"KV_GET\":{\"tkn\":" + deleted + ",\"keys\":[\"k\"]}}", "KV_GET_RSP"));
            assertEquals(0, ok(b, "{\"SH_INFO\":{\"tkn\":" + kept + "}}", "SH_INFO_RSP").getInt("keyCnt"));
            assertEquals(0, ok(c, "{\"KV_COUNT\":{\"tkn\":" + kept + "}}", "KV_COUNT_RSP").getInt("cnt"));

            ok(c, "{\"SH_END\":{\"tkn\":" + ended + "}}", "SH_END_RSP");
            assertEquals(100, status(b, "{\"KV_SET\":{\"tkn\":" + ended + ",\"keys\":{\"k\":1}}}", "KV_SET_RSP"));
            assertEquals(100, status(a, "{\"SH_END\":{\"tkn\":" + ended + "}}", "SH_END_RSP"));
            double expired = expiredTotal() - expiredBefore;
            assertEquals(2, expired, "the cluster counts each expiry once, on the member that applied it");
        }
        wallTime("sessions across members", started);
    }

    /** Sessions expired, summed over the members that are up: each counts the expiries it applied. */
    private double expiredTotal() throws IOException, InterruptedException {
        double total = 0;
        for (ServerProcess member : cluster.members()) {
            if (member.process().isAlive()) {
                total += metric(member, "nemesis_sessions_expired_total");
            }
        }
        return total;
    }

    @Test
    @Order(6)
    void pairsWrittenThroughAAreNeverSeenHalfWrittenThroughBOrC() throws Exception {
        long started = System.nanoTime();
        String token;
        try (WsClient a = connect(0)) {
            token = newSession(a, "");
            ok(a, "{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":{\"a\":0,\"b\":0}}}", "KV_SET_RSP");
        }
        AtomicPairs.Result result = AtomicPairs.check(() -> connect(0),
                List.of(() -> connect(1), () -> connect(2), () -> connect(1), () -> connect(2)),
                i -> "{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":{\"a\":" + i + ",\"b\":" + i + "}}}", "KV_SET_RSP",
                "{\"KV_GET\":{\"tkn\":" + token + ",\"keys\":[\"a\",\"b\"]}}", "KV_GET_RSP", "a", "b", 3_000);
        assertTrue(result.writes() > 10 && result.reads() > 10, result.toString());
        System.out.printf("ClusterSessionsTest: atomicity: %d pair writes through A, %d reads through B and C%n",
                result.writes(), result.reads());
        assertEquals(List.of(), result.violations(), "half-written or older pairs seen");
        wallTime("atomicity checker", started);
    }

    /** What a session holds, as comparable JSON: its info (without the remaining time), its key order and its values. */
    private static JsonObject content(WsClient client, String token) throws IOException {
        JsonObject info = ok(client, "{\"SH_INFO\":{\"tkn\":" + token + "}}", "SH_INFO_RSP");
        var described = Json.createObjectBuilder(info);
        if (info.containsKey("expiry")) {
            described.add("expiry", Json.createObjectBuilder(info.getJsonObject("expiry")).remove("remaining"));
        }
        var keys = ok(client, "{\"KV_KEYS\":{\"tkn\":" + token + "}}", "KV_KEYS_RSP").getJsonArray("keys");
        var names = Json.createArrayBuilder();
        keys.forEach(key -> names.add(key));
        JsonObject values = ok(client, "{\"KV_GET\":{\"tkn\":" + token + ",\"keys\":" + names.build() + "}}", "KV_GET_RSP")
                .getJsonObject("keys");
        return Json.createObjectBuilder().add("info", described).add("keys", keys).add("values", values).build();
    }

    @Test
    @Order(7)
    void aSaveOfTheClusterLoadsIntoASingleServerAndASaveOfThatServerLoadsIntoTheCluster() throws Exception {
        long started = System.nanoTime();
        List<String> tokens = new ArrayList<>();
        try (WsClient a = connect(0); WsClient b = connect(1); WsClient c = connect(2)) {
            ok(a, "{\"SH_END_ALL\":{}}", "SH_END_ALL_RSP");
            List<WsClient> clients = List.of(a, b, c);
            String[] values = {"\"text \u00e9\"", "18446744073709551615", "-3.25", "null", "true",
                "{\"o\":{\"p\":[1,{\"q\":\"r\"}]}}", "[]", "\"\""};
            for (int i = 0; i < 24; i++) {
                WsClient client = clients.get(i % 3);
                String token = i % 6 == 0
                        ? token(ok(client, "{\"SH_NEW\":{\"name\":\"shared-" + i + "\",\"shared\":true}}", "SH_NEW_RSP"))
                        : newSession(client, i % 4 == 1 ? ",\"expiry\":{\"duration\":3600,\"deleteSession\":" + (i % 8 == 1) + "}" : "");
                StringBuilder keys = new StringBuilder();
                for (int k = 0; k < i % 9; k++) {
                    keys.append(k == 0 ? "" : ",").append("\"z").append(i - k).append("\":").append(values[(i + k) % values.length]);
                }
                if (!keys.isEmpty()) {
                    ok(clients.get((i + 1) % 3), "{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":{" + keys + "}}}", "KV_SET_RSP");
                }
                tokens.add(token);
            }
            assertEquals(120, Replies.status(ask(b, "{\"SH_SAVE\":{\"name\":\"whole\"}}"), "SH_SAVE_RSP"));
            assertEquals(121, Replies.status(b.receive(REPLY_MILLIS).text(), "SH_SAVE_RSP"));

            // a single server loads B's save at start-up, and saves into C's persist path
            try (ServerProcess server = ServerProcess.start(Map.of("nemesis.sessions-enabled", "true",
                    "nemesis.persist.path", cluster.persistPath(2).toString(),
                    "nemesis.load.name", "whole", "nemesis.load.path", cluster.persistPath(1).toString()));
                 WsClient alone = WsClient.connect(server.awaitReady())) {
                assertEquals(ok(a, "{\"SH_INFO_ALL\":{}}", "SH_INFO_ALL_RSP"), ok(alone, "{\"SH_INFO_ALL\":{}}", "SH_INFO_ALL_RSP"));
                for (String token : tokens) {
                    assertEquals(content(c, token), content(alone, token), "session " + token);
                }
                ok(alone, "{\"SH_END\":{\"tkn\":" + tokens.remove(0) + "}}", "SH_END_RSP");
                String added = newSession(alone, "");
                ok(alone, "{\"KV_SET\":{\"tkn\":" + added + ",\"keys\":{\"back\":[1,2,3]}}}", "KV_SET_RSP");
                tokens.add(added);
                assertEquals(120, Replies.status(ask(alone, "{\"SH_SAVE\":{\"name\":\"back\"}}"), "SH_SAVE_RSP"));
                assertEquals(121, Replies.status(alone.receive(REPLY_MILLIS).text(), "SH_SAVE_RSP"));

                // and the cluster, emptied, loads that save through C
                ok(a, "{\"SH_END_ALL\":{}}", "SH_END_ALL_RSP");
                JsonObject load = ok(c, "{\"SH_LOAD\":{\"name\":\"back\"}}", "SH_LOAD_RSP", 141);
                assertEquals(tokens.size(), load.getInt("sessions"));
                assertEquals(ok(alone, "{\"SH_INFO_ALL\":{}}", "SH_INFO_ALL_RSP"), ok(b, "{\"SH_INFO_ALL\":{}}", "SH_INFO_ALL_RSP"));
                for (String token : tokens) {
                    assertEquals(content(alone, token), content(a, token), "session " + token);
                }
            }
        }
        wallTime("save and load between the cluster and a single server", started);
    }

    /** A client that writes key {@code k<i>} = i, one at a time, and remembers the last i acknowledged. */
    private final class Writer implements java.util.concurrent.Callable<Writer> {
        final int member;
        final String token;
        volatile int acknowledged;
        volatile String error;

        Writer(int member) throws IOException {
            this.member = member;
            try (WsClient client = connect(member)) {
                this.token = newSession(client, "");
            }
        }

        @Override
        public Writer call() {
            try (WsClient client = connect(member)) {
                for (int i = acknowledged + 1; !killStop.get(); i++) {
                    String reply = ask(client, "{\"KV_SET\":{\"tkn\":" + token + ",\"keys\":{\"k" + i + "\":" + i + "}}}");
                    if (Replies.status(reply, "KV_SET_RSP") != 1) {
                        error = reply;
                        return this;
                    }
                    acknowledged = i;
                }
            } catch (IOException | RuntimeException e) {
                error = String.valueOf(e);
            }
            return this;
        }
    }

    private final AtomicBoolean killStop = new AtomicBoolean();

    @Test
    @Order(8)
    void aMemberKilledUnderAWriteLoadLosesNoAcknowledgedWrite() throws Exception {
        long started = System.nanoTime();
        List<Writer> survivors = List.of(new Writer(0), new Writer(0), new Writer(1), new Writer(1));
        Writer victim = new Writer(2);
        try (ExecutorService threads = Executors.newCachedThreadPool()) {
            List<Future<Writer>> running = new ArrayList<>();
            for (Writer writer : survivors) {
                running.add(threads.submit(writer));
            }
            Future<Writer> victimRun = threads.submit(victim);
            Thread.sleep(1_500);
            cluster.member(2).kill();
            long killed = System.nanoTime();
            int victimAcknowledged = victimRun.get().acknowledged;
            // the survivors' clients go on writing while the cluster replaces the dead member
            Thread.sleep(3_000);
            killStop.set(true);
            for (Future<Writer> writer : running) {
                writer.get();
            }
            wallTime("writes through the survivors after the kill", killed);
            for (Writer writer : survivors) {
                assertEquals(null, writer.error, "a client of a survivor saw an error");
                assertTrue(writer.acknowledged > 0, "writes through member " + writer.member);
            }
            assertTrue(victim.error != null, "the victim's client lost its connection");
            System.out.printf("ClusterSessionsTest: kill: writes acknowledged %s, through the victim %d%n",
                    survivors.stream().map(w -> w.acknowledged).toList(), victimAcknowledged);
            List<Writer> all = new ArrayList<>(survivors);
            all.add(victim);
            for (int reader : new int[] {0, 1}) {
                try (WsClient client = connect(reader)) {
                    for (Writer writer : all) {
                        Set<String> keys = new HashSet<>();
                        ok(client, "{\"KV_KEYS\":{\"tkn\":" + writer.token + "}}", "KV_KEYS_RSP").getJsonArray("keys")
                                .forEach(key -> keys.add(((jakarta.json.JsonString) key).getString()));
                        int upTo = writer == victim ? victimAcknowledged : writer.acknowledged;
                        assertTrue(upTo > 0, "writes acknowledged through member " + writer.member);
                        for (int i = 1; i <= upTo; i++) {
                            assertTrue(keys.contains("k" + i), "k" + i + " of " + upTo + " acknowledged through member "
                                    + writer.member + " is missing through member " + reader);
                        }
                        JsonValue last = ok(client, "{\"KV_GET\":{\"tkn\":" + writer.token + ",\"keys\":[\"k" + upTo + "\"]}}",
                                "KV_GET_RSP").getJsonObject("keys").get("k" + upTo);
                        assertEquals(BigInteger.valueOf(upTo), ((JsonNumber) last).bigIntegerValue());
                    }
                }
            }
        }
        List<ServerProcess> left = cluster.members().subList(0, 2);
        cluster.await("two members after the kill", () -> left.stream().allMatch(m -> members(m) == 2));
        cluster.await("the survivors safe again", () -> left.stream().allMatch(m -> {
            try {
                return metric(m, "nemesis_cluster_safe") == 1;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }));
        for (ServerProcess survivor : left) {
            assertTrue(ready(survivor), survivor.log());
            assertEquals(0, metric(survivor, "nemesis_cluster_partitions_lost_total"), "one backup covers one loss");
            assertTrue(metric(survivor, "nemesis_cluster_migrations_total") > 0, "the lost member's partitions moved");
            assertEquals(0, metric(survivor, "nemesis_cluster_migrations_failed_total"));
        }
        wallTime("kill phase", started);
    }

    @Test
    @Order(9)
    void aMemberStoppedWithSigtermSavesTheWholeClusterBeforeItLeaves() throws Exception {
        long started = System.nanoTime();
        ServerProcess b = cluster.member(1);
        JsonObject before;
        try (WsClient a = connect(0)) {
            before = ok(a, "{\"SH_INFO_ALL\":{}}", "SH_INFO_ALL_RSP");
        }
        b.terminate();
        assertEquals(0, b.awaitExit(120), b.log());
        String log = b.log();
        int saved = log.indexOf("shutdown: dataset " + ON_STOP + " saved");
        int left = log.indexOf("shutdown: left the cluster");
        assertTrue(saved > 0 && left > saved, "saved, then left: " + log);
        cluster.await("one member after the graceful leave", () -> members(cluster.member(0)) == 1);
        assertTrue(ready(cluster.member(0)), cluster.member(0).log());
        // A, alone now, loads what B saved, in place of everything it holds
        TestData.copyTree(cluster.persistPath(1).resolve(ON_STOP), cluster.persistPath(0).resolve(ON_STOP));
        try (WsClient a = connect(0)) {
            ok(a, "{\"SH_END_ALL\":{}}", "SH_END_ALL_RSP");
            JsonObject load = ok(a, "{\"SH_LOAD\":{\"name\":\"" + ON_STOP + "\"}}", "SH_LOAD_RSP", 141);
            assertEquals(before.getInt("totalSessions"), load.getInt("sessions"));
            assertEquals(before.getInt("totalKeys"), load.getInt("keys"));
        }
        wallTime("save on stop and graceful leave", started);
    }
}

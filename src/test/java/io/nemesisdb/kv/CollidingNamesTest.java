package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CollidingNames;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Objects and key spaces whose names defeat naive hashing: 2^17 names of one {@code String.hashCode},
 * and numbered names ({@code m0, m1, …}) whose hash codes crowd together. Stored, read, searched,
 * updated and loaded from a data file within a bound that the quadratic member index of before
 * missed by far (on a 2-core machine it took 20-29 s for each message of those 2^17 names, 21 s to
 * compare two such objects, 32 s to load the dataset of 2 × 260,000 numbered names), while each
 * step takes well under a second here. Messages stay under 4 MB, the most the Jakarta transport
 * (Tyrus) takes whatever the payload limit.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "4000000")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/colliding-names")
class CollidingNamesTest {

    private static final Path ROOT = Path.of("target/test-persist/colliding-names").toAbsolutePath();
    /** Generous for work that takes a second or two; the old index needed over two minutes for the first test. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private WsClient client;

    @BeforeEach
    void connect() throws Exception {
        client = TestServer.connect();
        client.request("{\"KV_CLEAR\":{}}");
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    private static void quickly(Executable steps) {
        assertTimeoutPreemptively(BOUND, steps, "the old member index took minutes here");
    }

    @Test
    void anObjectOfNamesOfOneHashCodeIsStoredReadSearchedAndUpdated() {
        List<String> names = CollidingNames.sameHashCode(1 << 17);
        String object = CollidingNames.objectOfIndexes(names);
        String last = names.get(names.size() - 1);
        String absent = "AaAaAaAb";
        quickly(() -> {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":{\"same\":" + object + "}}}"));
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}", client.request("{\"KV_SET\":{\"keys\":{\"pair\":[" + object + "]}}}"));
            assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1}}",
                    client.request("{\"KV_ARR_APPEND\":{\"key\":\"pair\",\"items\":[" + object + "]}}"));
            assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"same\":" + object + "}}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"same\"]}}"));
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$['" + last + "']\"]}}",
                    client.request("{\"KV_FIND\":{\"keys\":[\"same\"],\"path\":\"$['" + absent + "','" + last + "']\",\"rsp\":\"paths\"}}"));
            // comparing the two equal objects, built apart, looks up every member of one in the other
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$[0]\",\"$[1]\"]}}",
                    client.request("{\"KV_FIND\":{\"keys\":[\"pair\"],\"path\":\"$[?@ == $[0]]\",\"rsp\":\"paths\"}}"));
            assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"same\",\"cnt\":1}}",
                    client.request("{\"KV_UPDATE\":{\"key\":\"same\",\"/" + names.get(5) + "\":\"five\"}}"));
            assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"same\",\"cnt\":1}}",
                    client.request("{\"KV_UPDATE\":{\"key\":\"same\",\"path\":\"$['" + last + "']\",\"value\":\"last\"}}"));
            assertReply("{\"KV_UPDATE_RSP\":{\"st\":5,\"key\":\"same\",\"cnt\":0}}",
                    client.request("{\"KV_UPDATE\":{\"key\":\"same\",\"/" + absent + "\":0}}"));
            String updated = object.replace("\"" + names.get(5) + "\":5,", "\"" + names.get(5) + "\":\"five\",")
                    .replace("\"" + last + "\":" + (names.size() - 1) + "}", "\"" + last + "\":\"last\"}");
            assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"same\":" + updated + "}}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"same\"]}}"));
        });
    }

    @Test
    void keysOfOneHashCodeAreStoredFoundAndRemoved() {
        List<String> names = CollidingNames.sameHashCode(1 << 17);
        quickly(() -> {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}",
                    client.request("{\"KV_SET\":{\"keys\":" + CollidingNames.objectOfIndexes(names) + "}}"));
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":131072}}", client.request("{\"KV_COUNT\":{}}"));
            assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"" + names.get(0) + "\":0,\"" + names.get(77_777) + "\":77777}}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"" + names.get(0) + "\",\"" + "AaAaAaAb\",\""
                            + names.get(77_777) + "\"]}}"));
            assertReply("{\"KV_RMV_RSP\":{\"st\":1}}", client.request("{\"KV_RMV\":{\"keys\":[\"" + names.get(1) + "\"]}}"));
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":131071}}", client.request("{\"KV_COUNT\":{}}"));
        });
    }

    @Test
    void aDatasetOfNumberedNamesLoads() throws Exception {
        List<String> m = CollidingNames.numbered("m", 260_000);
        List<String> n = CollidingNames.numbered("n", 260_000);
        String mObject = CollidingNames.objectOfIndexes(m);
        Path save = ROOT.resolve("numbered").resolve("1700000000000000000");
        Files.createDirectories(save.resolve("md"));
        Files.createDirectories(save.resolve("data"));
        Files.writeString(save.resolve("data/0"), "{\"keys\":{\"m\":" + mObject + ",\"n\":"
                + CollidingNames.objectOfIndexes(n) + "}}", StandardCharsets.UTF_8);
        Files.writeString(save.resolve("md/md.json"), "{\"name\":\"numbered\",\"version\":2,\"status\":1,"
                + "\"start\":1700000000000,\"complete\":1700000000001,\"saveDataType\":0}", StandardCharsets.UTF_8);
        quickly(() -> {
            assertReply("{\"KV_LOAD_RSP\":{\"st\":141,\"name\":\"numbered\",\"keys\":2}}",
                    removeDuration(client.request("{\"KV_LOAD\":{\"name\":\"numbered\"}}")));
            assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"m\":" + mObject + "}}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"m\"]}}"));
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"paths\":[\"$['n4l2r']\"]}}",
                    client.request("{\"KV_FIND\":{\"keys\":[\"n\"],\"path\":\"$.n4l2r\",\"rsp\":\"paths\"}}"));
        });
    }

    private static String removeDuration(String reply) {
        return reply.replaceAll(",\"duration\":\\d+", "");
    }
}

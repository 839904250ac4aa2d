package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Number literals of a million digits and more, in stored values, in filters, in KV_UPDATE's
 * query and in data files: stored and given back byte for byte, and compared in time linear in
 * their length. Through BigDecimal a literal of a million digits took 12 s to compare (its
 * construction grows with the square of the length), one of three million about two minutes; here
 * each step takes milliseconds, well inside the bound.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "4000000")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/long-numbers")
class LongNumberLiteralsTest {

    private static final Path ROOT = Path.of("target/test-persist/long-numbers").toAbsolutePath();
    private static final String MILLION = "7".repeat(1_000_000);
    private static final String THREE_MILLION = "3".repeat(3_000_000);

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
        assertTimeoutPreemptively(Duration.ofSeconds(10), steps, "BigDecimal took 12 s for each million-digit literal");
    }

    private String keysMatching(String path) throws Exception {
        return client.request("{\"KV_FIND\":{\"path\":\"" + path + "\",\"rsp\":\"keys\"}}");
    }

    @Test
    void aStoredMillionDigitNumberComesBackExactlyAndIsComparedQuickly() {
        quickly(() -> {
            assertReply("{\"KV_SET_RSP\":{\"st\":1}}",
                    client.request("{\"KV_SET\":{\"keys\":{\"big\":{\"v\":" + MILLION + "},\"small\":{\"v\":8}}}}"));
            assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"big\":{\"v\":" + MILLION + "}}}}",
                    client.request("{\"KV_GET\":{\"keys\":[\"big\"]}}"));
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"big\"]}}", keysMatching("$[?@ > 10]"));
        });
        quickly(() -> {
            client.request("{\"KV_SET\":{\"keys\":{\"huge\":{\"v\":-" + THREE_MILLION + ".5e-2}}}}");
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"huge\"]}}", keysMatching("$[?@ < -1e2999997]"));
        });
    }

    @Test
    void aMillionDigitLiteralInAFilterIsComparedQuickly() throws Exception {
        quickly(() -> {
            client.request("{\"KV_SET\":{\"keys\":{\"small\":{\"v\":8},\"big\":{\"v\":" + MILLION + "}}}}");
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"small\"]}}", keysMatching("$[?@ < " + MILLION + "]"));
        });
        quickly(() -> {
            // the stored literal and the filter's differ in their last digit only
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[]}}", keysMatching("$[?@ == " + MILLION.substring(1) + "8]"));
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"big\"]}}",
                    keysMatching("$[?@ == " + MILLION.substring(1) + "7.000e0]"));
        });
        quickly(() -> assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[]}}", keysMatching("$[?@ > " + THREE_MILLION + "]")));
        quickly(() -> assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"small\",\"cnt\":1}}",
                client.request("{\"KV_UPDATE\":{\"key\":\"small\",\"path\":\"$[?@ < " + MILLION + "]\",\"value\":9}}")));
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"small\":{\"v\":9}}}}", client.request("{\"KV_GET\":{\"keys\":[\"small\"]}}"));
    }

    @Test
    void aDataFileWithAThreeMillionDigitNumberLoadsAndItsNumberIsComparedQuickly() throws Exception {
        Path save = ROOT.resolve("long").resolve("1700000000000000000");
        Files.createDirectories(save.resolve("md"));
        Files.createDirectories(save.resolve("data"));
        Files.writeString(save.resolve("data/0"), "{\"keys\":{\"long\":[" + THREE_MILLION + "]}}", StandardCharsets.UTF_8);
        Files.writeString(save.resolve("md/md.json"), "{\"name\":\"long\",\"version\":2,\"status\":1,"
                + "\"start\":1700000000000,\"complete\":1700000000001,\"saveDataType\":0}", StandardCharsets.UTF_8);
        quickly(() -> {
            assertEquals(141, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"long\"}}"), "KV_LOAD_RSP"));
            assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"long\"]}}", keysMatching("$[?@ > " + MILLION + "]"));
        });
    }

    @Test
    void metadataWithAMillionDigitNumberIsNoCompleteSave() throws Exception {
        Path save = ROOT.resolve("longmd").resolve("1700000000000000000");
        Files.createDirectories(save.resolve("md"));
        Files.createDirectories(save.resolve("data"));
        Files.writeString(save.resolve("data/0"), "{\"keys\":{\"k\":1}}", StandardCharsets.UTF_8);
        Files.writeString(save.resolve("md/md.json"), "{\"name\":\"longmd\",\"version\":2,\"status\":1,"
                + "\"start\":" + MILLION + ",\"complete\":1700000000001,\"saveDataType\":0}", StandardCharsets.UTF_8);
        quickly(() -> assertEquals(142, Replies.status(client.request("{\"KV_LOAD\":{\"name\":\"longmd\"}}"), "KV_LOAD_RSP")));
    }

    @Test
    void threeHundredDigitNumbersRoundTripAndCompareExactly() throws Exception {
        String nines = "9".repeat(300);
        String decimal = "-0." + "0123456789".repeat(30) + "e-12";
        client.request("{\"KV_SET\":{\"keys\":{\"nines\":[" + nines + "],\"decimal\":[" + decimal + "]}}}");
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"nines\":[" + nines + "],\"decimal\":[" + decimal + "]}}}",
                client.request("{\"KV_GET\":{\"keys\":[\"nines\",\"decimal\"]}}"));
        assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"nines\"]}}", keysMatching("$[?@ < 1e300 && @ > 1e299]"));
        assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"nines\"]}}", keysMatching("$[?@ == " + nines + ".0]"));
        assertEquals("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[\"decimal\"]}}", keysMatching("$[?@ < -1.2345e-14 && @ > -1.2346e-14]"));
    }

    @Test
    void aLiteralBeyondBigDecimalsExponentIsStillOutOfRange() throws Exception {
        assertEquals(4, Replies.status(keysMatching("$[?@ < 1e99999999999]"), "KV_FIND_RSP"));
    }
}

package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Bad input does no harm: thousands of random and mutated messages against a live server, after
 * which it still answers correctly and the stored data is intact. Every reply must be a
 * well-formed reply object; the only closes allowed are 1007 (invalid UTF-8) and 1009 (too big).
 */
@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.max-payload", value = "200000")
class BadInputTest {

    private static final int MESSAGES = 10_000;
    private static final String SENTINEL = "{\"sentinel-7f3a\":{\"n\":[1,2.50,18446744073709551616],\"s\":\"ünï\"}}";
    private static final List<String> SEEDS = List.of(
            "{\"KV_SET\":{\"keys\":{\"fuzz\":{\"a\":[1,2,{\"b\":null}]}}}}",
            "{\"KV_SETQ\":{\"keys\":{\"fuzz2\":\"text\"}}}",
            "{\"KV_GET\":{\"keys\":[\"fuzz\",\"fuzz2\"]}}",
            "{\"KV_ADD\":{\"keys\":{\"fuzz3\":true}}}",
            "{\"KV_CONTAINS\":{\"keys\":[\"fuzz\"]}}",
            "{\"KV_COUNT\":{}}",
            "{\"KV_KEYS\":{}}",
            "{\"KV_RMV\":{\"keys\":[\"fuzz3\"]}}");

    private final Random random = new Random(20261122);

    @Test
    void randomAndMutatedMessagesDoNoHarm() throws Exception {
        WsClient client = TestServer.connect();
        client.request("{\"KV_SET\":{\"keys\":" + SENTINEL + "}}");
        int closes = 0;
        for (int i = 0; i < MESSAGES; i++) {
            if (!sendAndCheck(client, i)) {
                client.close();
                client = TestServer.connect();
                closes++;
            }
        }
        try (WsClient fresh = TestServer.connect()) {
            String reply = fresh.request("{\"KV_GET\":{\"keys\":[\"sentinel-7f3a\"]}}");
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":" + SENTINEL + "}}", reply);
        } finally {
            client.close();
        }
        assertTrue(closes < MESSAGES / 2, "most bad messages must get a reply, not a close: " + closes);
    }

    /** Sends one bad message and a marker; returns false when the server closed the connection. */
    private boolean sendAndCheck(WsClient client, int i) throws Exception {
        switch (i % 10) {
            case 0 -> client.sendTextBytes(randomBytes(1 + random.nextInt(200)));
            case 1 -> client.sendBinary(randomBytes(random.nextInt(100)));
            case 2 -> client.sendText(truncate(seed()));
            case 3 -> client.sendText(deepNesting());
            case 4 -> client.sendText("{\"KV_SET\":{\"keys\":{\"fuzz\":" + hugeNumber() + "}}}");
            case 5 -> client.sendText("{\"KV_SET\":{\"keys\":{\"fuzz\":\"" + "x".repeat(random.nextInt(60_000)) + "\"}}}");
            case 6 -> client.sendText(randomText(1 + random.nextInt(300)));
            default -> client.sendTextBytes(mutate(seed().getBytes(StandardCharsets.UTF_8)));
        }
        String marker = "marker-" + i;
        client.sendText("{\"KV_CONTAINS\":{\"keys\":[\"" + marker + "\"]}}");
        while (true) {
            WsClient.Frame frame = client.receive(10_000);
            if (frame == null) {
                throw new AssertionError("no reply to the marker after message " + i);
            }
            if (frame.isClose()) {
                assertTrue(frame.closeCode() == 1007 || frame.closeCode() == 1009,
                        "unexpected close code " + frame.closeCode() + " after message " + i);
                return false;
            }
            JsonObject reply = Replies.parse(frame.text());
            assertEquals(1, reply.size(), frame.text());
            JsonObject body = reply.getJsonObject(reply.keySet().iterator().next());
            assertTrue(body.containsKey("st"), frame.text());
            assertTrue(body.getInt("st") != 1000, () -> "server error for message " + i + ": " + frame.text());
            if (reply.containsKey("KV_CONTAINS_RSP") && body.getInt("st") == 1
                    && body.getJsonArray("contains").isEmpty()) {
                return true;
            }
        }
    }

    private String seed() {
        return SEEDS.get(random.nextInt(SEEDS.size()));
    }

    private String truncate(String message) {
        return message.substring(0, random.nextInt(message.length()));
    }

    private String deepNesting() {
        boolean arrays = random.nextBoolean();
        int depth = 500 + random.nextInt(arrays ? 100_000 : 20_000);
        return "{\"KV_SET\":{\"keys\":{\"fuzz\":" + (arrays ? "[" : "{\"a\":").repeat(depth);
    }

    private String hugeNumber() {
        return switch (random.nextInt(3)) {
            case 0 -> "9".repeat(1 + random.nextInt(5000));
            case 1 -> "1e" + random.nextInt(Integer.MAX_VALUE);
            default -> "-0." + "0".repeat(random.nextInt(5000)) + "1e-999999999";
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomText(int length) {
        String alphabet = "{}[]\":,0123456789.eE-+truefalsnKV_SETGAD\\ \t\nü😀";
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private byte[] mutate(byte[] message) {
        byte[] mutated = message.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(mutated.length);
            mutated[at] = (byte) (random.nextBoolean() ? random.nextInt(128) : mutated[random.nextInt(mutated.length)]);
        }
        return mutated;
    }
}

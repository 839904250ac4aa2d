package io.nemesisdb;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * The exchanges the documentation shows ({@code > request}, {@code < reply} lines in code blocks)
 * are what a KV-mode server answers when a reader follows them from the top, in order, on an
 * empty server ({@code m} is not compared, nor the order of the keys and paths of a {@code KV_FIND},
 * which the protocol leaves open). A block that starts with a {@code java tools/WsSend.java}
 * command is run with that client, whose output must be the block's exchange. Blocks that show
 * sessions (with {@code tkn}) are left out: their tokens are random.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class DocExamplesTest {

    private static final String CLIENT = "java tools/WsSend.java ";

    @Test
    void readmeExchangesAreTrueFollowedFromTheTop() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertEquals(2, replay(readme), "README blocks replayed");
    }

    @Test
    void protocolReferenceKvFindExamplesAreTrueFollowedFromTheTop() throws Exception {
        String reference = Files.readString(Path.of("src/site/markdown/protocol.md"));
        String kvFind = reference.substring(reference.indexOf("\n### KV_FIND\n"), reference.indexOf("\n### KV_SAVE\n"));
        assertEquals(8, replay(kvFind), "KV_FIND blocks replayed");
    }

    /** Replays every block of {@code markdown} with an exchange, on an emptied server; returns how many. */
    private static int replay(String markdown) throws Exception {
        int replayed = 0;
        try (WsClient client = TestServer.connect()) {
            client.request("{\"KV_CLEAR\":{}}");
            for (List<String> block : codeBlocks(markdown)) {
                boolean exchange = block.stream().anyMatch(line -> line.startsWith("> "));
                if (!exchange || String.join("\n", block).contains("\"tkn\"")) {
                    continue;
                }
                if (block.get(0).startsWith(CLIENT)) {
                    runClient(block);
                } else {
                    replay(client, block);
                }
                replayed++;
            }
        }
        return replayed;
    }

    private static void replay(WsClient client, List<String> block) throws IOException {
        for (int i = 0; i < block.size(); i++) {
            String line = block.get(i);
            if (!line.startsWith("> ")) {
                continue;
            }
            client.sendText(line.substring(2));
            for (; i + 1 < block.size() && block.get(i + 1).startsWith("< "); i++) {
                assertSameReply(block.get(i + 1).substring(2), client.receiveText());
            }
        }
    }

    /** Runs the block's client command against the test server and compares its output with the block's exchange. */
    private static void runClient(List<String> block) throws Exception {
        StringBuilder command = new StringBuilder();
        int i = 0;
        for (; !block.get(i).startsWith("> "); i++) {
            String line = block.get(i).strip();
            command.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
        }
        List<String> words = shellWords(command.toString().replace("ws://127.0.0.1:1987/", "ws://127.0.0.1:" + TestServer.port() + "/"));
        words.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process client = new ProcessBuilder(words).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "the client exits");
        assertEquals(0, client.exitValue(), "the client's exit status; its output: " + output);
        List<String> expected = block.subList(i, block.size());
        assertEquals(expected.size(), output.size(), () -> "lines of " + output);
        for (int k = 0; k < expected.size(); k++) {
            if (expected.get(k).startsWith("< ")) {
                assertTrue(output.get(k).startsWith("< "), output.get(k));
                assertSameReply(expected.get(k).substring(2), output.get(k).substring(2));
            } else {
                assertEquals(expected.get(k), output.get(k));
            }
        }
    }

    private static void assertSameReply(String expected, String reply) {
        assertReply(inAnyOrder(expected), inAnyOrder(reply));
    }

    /** A {@code KV_FIND} reply with its {@code keys} or {@code paths} array sorted; any other reply as it is. */
    private static String inAnyOrder(String reply) {
        JsonObject whole = Replies.parse(reply);
        JsonObject body = whole.getJsonObject("KV_FIND_RSP");
        if (body == null) {
            return reply;
        }
        JsonObjectBuilder sorted = Json.createObjectBuilder(body);
        for (String member : List.of("keys", "paths")) {
            if (body.get(member) instanceof JsonArray array) {
                sorted.add(member, Json.createArrayBuilder(array.stream().sorted(Comparator.comparing(JsonValue::toString)).toList()));
            }
        }
        return Json.createObjectBuilder().add("KV_FIND_RSP", sorted).build().toString();
    }

    /** The lines of each fenced code block. */
    private static List<List<String>> codeBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new ArrayList<>();
                } else {
                    blocks.add(current);
                    current = null;
                }
            } else if (current != null) {
                current.add(line);
            }
        }
        assertFalse(current != null, "an unclosed code block");
        return blocks;
    }

    /** Splits a shell command line into words: spaces separate, single quotes keep everything. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word = word == null ? new StringBuilder() : word;
                word.append(line, i + 1, end);
                i = end;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}

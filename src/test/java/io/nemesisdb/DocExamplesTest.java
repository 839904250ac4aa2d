package io.nemesisdb;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.client.cli.Cli;
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
 * which the protocol leaves open). A block of command-line client commands ({@code java -jar
 * target/nemesisdb.jar cli ...}, its requests as arguments or piped in by {@code echo}) is run
 * through that client, whose output must be the lines after each command. Blocks that show
 * sessions (with {@code tkn}) are left out: their tokens are random.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class DocExamplesTest {

    private static final String CLIENT = "target/nemesisdb cli";
    private static final String PIPED = " | " + CLIENT;
    private static final String EXIT_STATUS = "; echo \"exit $?\"";

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
                boolean cli = block.get(0).startsWith(CLIENT) || block.get(0).contains(PIPED);
                boolean exchange = cli || block.stream().anyMatch(line -> line.startsWith("> "));
                if (!exchange || String.join("\n", block).contains("\"tkn\"")) {
                    continue;
                }
                if (cli) {
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

    /**
     * Runs each client command of the block against the test server, in process, and compares its
     * output with the lines that follow the command (an {@code exit N} line: its exit status).
     */
    private static void runClient(List<String> block) {
        String url = "ws://127.0.0.1:" + TestServer.port() + "/";
        int i = 0;
        while (i < block.size()) {
            String command = block.get(i++);
            boolean showsExit = command.endsWith(EXIT_STATUS);
            command = showsExit ? command.substring(0, command.length() - EXIT_STATUS.length()) : command;
            String input = "";
            List<String> arguments = new ArrayList<>(List.of("--url", url));
            if (command.contains(PIPED)) {
                List<String> echo = shellWords(command.substring(0, command.indexOf(PIPED)));
                assertEquals("echo", echo.get(0), command);
                input = String.join(" ", echo.subList(1, echo.size())) + "\n";
                command = command.substring(command.indexOf(PIPED) + 3);
            }
            assertTrue(command.startsWith(CLIENT), command);
            arguments.addAll(shellWords(command.substring(CLIENT.length())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Cli.run(arguments.toArray(String[]::new), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
            List<String> output = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
            if (showsExit) {
                output.add("exit " + status);
            } else {
                assertEquals(0, status, () -> "the client's exit status; it wrote " + output + " and " + err);
            }
            for (String line : output) {
                assertTrue(i < block.size(), () -> "more output than the block shows: " + output);
                String expected = block.get(i++);
                if (expected.startsWith("{")) {
                    assertSameReply(expected, line);
                } else {
                    assertEquals(expected, line);
                }
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

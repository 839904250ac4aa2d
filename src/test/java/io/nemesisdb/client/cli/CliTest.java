package io.nemesisdb.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command-line client against a real KV-mode server: one-shot, piped and interactive, JSON and shorthands, exit statuses. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.persist.path", value = "target/test-persist/cli")
class CliTest {

    /** What one run printed and its exit status. */
    record Run(int status, List<String> out, String err) {
    }

    static Run run(String input, boolean interactive, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--url", "ws://127.0.0.1:" + TestServer.port() + "/"));
        all.addAll(List.of(args));
        int status = Cli.run(all.toArray(String[]::new), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), interactive, null);
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void empty() {
        assertEquals(0, run("", false, "{\"KV_CLEAR\":{}}").status());
    }

    @Test
    void oneShotJsonRequestsPrintTheirRepliesInOrder() {
        Run run = run("", false, "{\"KV_SET\":{\"keys\":{\"user\":{\"name\":\"Ann\"}}}}", "{\"KV_SETQ\":{\"keys\":{\"n\":1}}}",
                "{\"KV_GET\":{\"keys\":[\"user\"]}}", "{\"KV_COUNT\":{}}");
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("{\"KV_SET_RSP\":{\"st\":1}}", "{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"user\":{\"name\":\"Ann\"}}}}",
                "{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2}}"), run.out());
    }

    @Test
    void aFailedStatusMakesTheExitStatusOne() {
        Run run = run("", false, "{\"KV_GET\":{}}", "{\"KV_COUNT\":{}}");
        assertEquals(1, run.status());
        assertEquals(2, run.out().size());
        assertTrue(run.out().getFirst().contains("\"st\":26"), run.out().toString());
        assertEquals(1, run(" ", false, "{\"KV_SETQ\":{\"keys\":{}}}").status());
    }

    @Test
    void oneShotShorthandIsTheArgumentsAsOneLine() {
        assertEquals(0, run("", false, "set", "user", "{\"name\":\"Ann\"}").status());
        assertEquals(List.of("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"user\":{\"name\":\"Ann\"}}}}"), run("", false, "get", "user").out());
    }

    @Test
    void pipedLinesAreRequestsEachAndSavesPrintBothReplies() {
        Run run = run("""
                set user {"name":"Ann"}
                set city London
                # a comment
                {"KV_COUNT":{}}
                get user city
                update user /name "Bob"
                keys
                save cli-test
                """, false);
        assertEquals(0, run.status(), run.err());
        assertEquals("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2}}", run.out().get(2));
        assertEquals("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"user\":{\"name\":\"Ann\"},\"city\":\"London\"}}}", run.out().get(3));
        assertEquals("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"user\",\"cnt\":1}}", run.out().get(4));
        assertEquals("{\"KV_SAVE_RSP\":{\"st\":120,\"name\":\"cli-test\"}}", run.out().get(6));
        assertTrue(run.out().get(7).startsWith("{\"KV_SAVE_RSP\":{\"st\":121,\"name\":\"cli-test\",\"duration\":"), run.out().get(7));
        Run bad = run("bogus words\ncount\n", false);
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("not JSON and not a shorthand"), bad.err());
        assertEquals(List.of("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":2}}"), bad.out());
    }

    @Test
    void interactiveShowsAPromptAndPrettyReplies() {
        Run run = run("set a 1\nsetq b 2\nkeys\nhistory\nquit\ncount\n", true);
        assertEquals(0, run.status(), run.err());
        String out = String.join("\n", run.out());
        assertTrue(out.contains("nemesisdb> "), out);
        assertTrue(out.contains("(no reply: the quiet command succeeded)"), out);
        assertTrue(out.contains("\"KV_KEYS_RSP\": {"), out);
        assertTrue(out.contains("   2  setq b 2"), out);
        assertTrue(!out.contains("KV_COUNT_RSP"), "nothing after quit: " + out);
    }

    @Test
    void usageErrorsAndNoServerExitTwo() throws Exception {
        assertEquals(2, run("", false, "--bogus").status());
        assertEquals(0, Cli.run(new String[] {"--help"}, System.in, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), false, null));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Cli.run(new String[] {"--url", "ws://127.0.0.1:" + port + "/", "count"}, System.in,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false, null));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot connect"), err.toString(StandardCharsets.UTF_8));
    }
}

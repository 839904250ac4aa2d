package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.nemesisdb.support.ChildServersOnly;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.ServerProcess;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A command that runs out of memory although the server is under {@code nemesis.max-memory} gets
 * 1000, or its connection 1011 where the transport ran out, and the server goes on.
 */
@ChildServersOnly
@TransportTest
class OutOfMemoryTest {

    private static final String VALUE = "v".repeat(256 * 1024);

    @Test
    void aCommandThatRunsOutOfMemoryIsAnsweredAndTheServerGoesOn() throws Exception {
        Map<String, String> settings = Map.of(
                "nemesis.max-memory", "100%",
                "nemesis.max-reply-size", "1g",
                "nemesis.max-reply-backlog", "2g");
        try (ServerProcess server = ServerProcess.startWithHeap("96m", settings)) {
            int port = server.awaitReady();
            try (WsClient client = WsClient.connect(port)) {
                for (int i = 0; i < 60; i++) {
                    StringBuilder set = new StringBuilder("{\"KV_SETQ\":{\"keys\":{");
                    for (int k = 0; k < 3; k++) {
                        set.append(k == 0 ? "" : ",").append("\"k").append(i).append('-').append(k).append("\":\"").append(VALUE).append('"');
                    }
                    client.sendText(set.append("}}}").toString());
                }
                client.sendText("{\"KV_FIND\":{\"path\":\"$\",\"rsp\":\"kv\"}}");
                WsClient.Frame answer = client.receive(60_000);
                if (answer.isText()) {
                    int status = Replies.status(answer.text(), "KV_FIND_RSP");
                    assertEquals(1000, status, () -> "unexpected answer " + answer.text().substring(0, Math.min(200, answer.text().length())));
                } else {
                    assertEquals(1011, answer.closeCode(), () -> "unexpected answer " + answer);
                }
            }
            try (WsClient after = WsClient.connect(port)) {
                assertEquals(1, Replies.status(after.request("{\"KV_COUNT\":{}}"), "KV_COUNT_RSP"));
            }
        }
    }
}

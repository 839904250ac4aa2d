package io.nemesisdb.security;

import static io.nemesisdb.support.Replies.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Roles in sessions mode: readwrite keys create and end sessions and change their keys, readonly
 * keys read a session whose token they know; listing or ending every session is for admin keys.
 * A token still reaches only its own session, whatever the role.
 */
@ExtendWith(SecurityFiles.class)
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
@AddConfig(key = "nemesis.auth.file", value = TestKeys.FILE)
class SessionRolesTest {

    private static final Pattern TOKEN = Pattern.compile("\"tkn\":(\\d+)");

    private static String token(String reply) {
        Matcher matcher = TOKEN.matcher(reply);
        matcher.find();
        return matcher.group(1);
    }

    @Test
    void eachRoleRunsExactlyItsSessionCommands() throws Exception {
        try (WsClient app = WsClient.connect(TestServer.port(), TestKeys.bearer(TestKeys.READWRITE));
             WsClient dashboard = WsClient.connect(TestServer.port(), TestKeys.bearer(TestKeys.READONLY));
             WsClient ops = WsClient.connect(TestServer.port(), TestKeys.bearer(TestKeys.ADMIN))) {
            String mine = token(app.request("{\"SH_NEW\":{\"name\":\"cart\"}}"));
            String other = token(app.request("{\"SH_NEW\":{\"name\":\"other\"}}"));
            assertEquals(1, Replies.status(app.request("{\"KV_SET\":{\"tkn\":" + mine + ",\"keys\":{\"item\":1}}}"), "KV_SET_RSP"));

            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"item\":1},\"tkn\":" + mine + "}}",
                    dashboard.request("{\"KV_GET\":{\"tkn\":" + mine + ",\"keys\":[\"item\"]}}"));
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{},\"tkn\":" + other + "}}",
                    dashboard.request("{\"KV_GET\":{\"tkn\":" + other + ",\"keys\":[\"item\"]}}"));
            assertEquals(1, Replies.status(dashboard.request("{\"SH_INFO\":{\"tkn\":" + mine + "}}"), "SH_INFO_RSP"));
            assertEquals(1, Replies.status(dashboard.request("{\"SH_EXISTS\":{\"tkns\":[" + mine + "]}}"), "SH_EXISTS_RSP"));
            assertReply("{\"KV_SET_RSP\":{\"st\":15,\"tkn\":" + mine + "}}",
                    dashboard.request("{\"KV_SET\":{\"tkn\":" + mine + ",\"keys\":{\"item\":2}}}"));
            assertEquals(15, Replies.status(dashboard.request("{\"SH_NEW\":{\"name\":\"mine\"}}"), "SH_NEW_RSP"));
            assertEquals(15, Replies.status(dashboard.request("{\"SH_END\":{\"tkn\":" + mine + "}}"), "SH_END_RSP"));

            assertEquals(15, Replies.status(app.request("{\"SH_INFO_ALL\":{}}"), "SH_INFO_ALL_RSP"));
            assertEquals(15, Replies.status(app.request("{\"SH_END_ALL\":{}}"), "SH_END_ALL_RSP"));
            assertEquals(15, Replies.status(app.request("{\"SH_SAVE\":{\"name\":\"s\"}}"), "SH_SAVE_RSP"));
            assertEquals(1, Replies.status(ops.request("{\"SH_INFO_ALL\":{}}"), "SH_INFO_ALL_RSP"));

            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"item\":1},\"tkn\":" + mine + "}}",
                    app.request("{\"KV_GET\":{\"tkn\":" + mine + ",\"keys\":[\"item\"]}}"));
            assertEquals(1, Replies.status(app.request("{\"SH_END\":{\"tkn\":" + mine + "}}"), "SH_END_RSP"));
            assertEquals(1, Replies.status(ops.request("{\"SH_END_ALL\":{}}"), "SH_END_ALL_RSP"));
        }
    }
}

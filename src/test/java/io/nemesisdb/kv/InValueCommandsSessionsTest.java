package io.nemesisdb.kv;

import static io.nemesisdb.support.Replies.assertReply;
import static io.nemesisdb.support.Replies.body;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CommandCore;
import jakarta.json.JsonNumber;
import org.junit.jupiter.api.Test;

/** KV_UPDATE, KV_FIND and KV_ARR_APPEND in sessions mode: they work on the session's keys only. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
class InValueCommandsSessionsTest {

    private static String newSession(CommandCore client, String name) throws Exception {
        JsonNumber token = (JsonNumber) body(client.request("{\"SH_NEW\":{\"name\":\"" + name + "\"}}"), "SH_NEW_RSP").get("tkn");
        return token.bigIntegerValue().toString();
    }

    @Test
    void commandsWorkOnTheSessionsOwnKeys() throws Exception {
        try (CommandCore client = CommandCore.connect()) {
            String mine = newSession(client, "mine");
            String other = newSession(client, "other");
            client.request("{\"KV_SET\":{\"tkn\":" + mine + ",\"keys\":{\"roles\":[\"Admin\"],\"user\":{\"avatar\":\"img1.png\"}}}}");

            assertReply("{\"KV_ARR_APPEND_RSP\":{\"st\":1,\"tkn\":" + mine + "}}",
                    client.request("{\"KV_ARR_APPEND\":{\"tkn\":" + mine + ",\"key\":\"roles\",\"items\":[\"Tester\"]}}"));
            assertReply("{\"KV_UPDATE_RSP\":{\"st\":1,\"key\":\"user\",\"cnt\":1,\"tkn\":" + mine + "}}",
                    client.request("{\"KV_UPDATE\":{\"tkn\":\"" + mine + "\",\"key\":\"user\",\"/avatar\":\"img2.png\"}}"));
            assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":{\"roles\":[\"Admin\",\"Tester\"]},\"tkn\":" + mine + "}}",
                    client.request("{\"KV_FIND\":{\"tkn\":" + mine + ",\"rsp\":\"kv\",\"path\":\"$[?@ == 'Tester']\"}}"));
            assertReply("{\"KV_GET_RSP\":{\"st\":1,\"keys\":{\"user\":{\"avatar\":\"img2.png\"}},\"tkn\":" + mine + "}}",
                    client.request("{\"KV_GET\":{\"tkn\":" + mine + ",\"keys\":[\"user\"]}}"));

            assertReply("{\"KV_FIND_RSP\":{\"st\":1,\"keys\":[],\"tkn\":" + other + "}}",
                    client.request("{\"KV_FIND\":{\"tkn\":" + other + ",\"rsp\":\"keys\",\"path\":\"$..*\"}}"));
            assertReply("{\"KV_UPDATE_RSP\":{\"st\":22,\"key\":\"user\",\"cnt\":0,\"tkn\":" + other + "}}",
                    client.request("{\"KV_UPDATE\":{\"tkn\":" + other + ",\"key\":\"user\",\"/avatar\":\"x\"}}"));
            assertReply("{\"KV_FIND_RSP\":{\"st\":4,\"tkn\":" + other + "}}",
                    client.request("{\"KV_FIND\":{\"tkn\":" + other + ",\"rsp\":\"keys\",\"path\":\"$[\"}}"));
        }
    }
}

package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.assertReply;
import static io.nemesisdb.support.Replies.body;

import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CommandCore;
import org.junit.jupiter.api.Test;

/**
 * API.md 1.2 and 2 in sessions mode: parameters are validated before anything else, also the
 * checks a single parameter's type cannot express, so a request with an invalid parameter gets
 * that parameter's status whether or not it has a token; and every reply to a command that names
 * a session carries {@code tkn}, also the 12 for a command value that is not an object.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.sessions-enabled", value = "true")
class ParamsBeforeTokenTest {

    /** A request with an invalid parameter (its token member written as {@code TKN}) and the status it gets. */
    private record Invalid(String request, int status) {
    }

    private static final List<Invalid> INVALID = List.of(
            new Invalid("{\"KV_FIND\":{TKN\"path\":\"$.a\",\"rsp\":\"values\"}}", 13),
            new Invalid("{\"KV_FIND\":{TKN\"path\":\"\",\"rsp\":\"keys\"}}", 42),
            new Invalid("{\"KV_UPDATE\":{TKN\"key\":\"k\",\"path\":\"$.a\"}}", 26),
            new Invalid("{\"KV_UPDATE\":{TKN\"key\":\"k\"}}", 26),
            new Invalid("{\"KV_UPDATE\":{TKN\"key\":\"k\",\"path\":\"$.a\",\"value\":1,\"/a\":2}}", 41),
            new Invalid("{\"KV_SET\":{TKN\"keys\":{}}}", 42),
            new Invalid("{\"KV_ARR_APPEND\":{TKN\"key\":\"k\"}}", 26));

    @Test
    void anInvalidParameterWithoutATokenGetsTheParametersStatusAndANullToken() throws Exception {
        try (CommandCore client = CommandCore.connect()) {
            for (Invalid invalid : INVALID) {
                String request = invalid.request().replace("TKN", "");
                String name = request.substring(2, request.indexOf('"', 2));
                assertReply("{\"" + name + "_RSP\":{\"st\":" + invalid.status() + ",\"tkn\":null}}", client.request(request));
            }
        }
    }

    @Test
    void anInvalidParameterWithAWellFormedTokenGetsTheParametersStatusAndThatToken() throws Exception {
        try (CommandCore client = CommandCore.connect()) {
            String token = body(client.request("{\"SH_NEW\":{\"name\":\"params-first\"}}"), "SH_NEW_RSP")
                    .getJsonNumber("tkn").bigIntegerValue().toString();
            for (Invalid invalid : INVALID) {
                String request = invalid.request().replace("TKN", "\"tkn\":" + token + ",");
                String name = request.substring(2, request.indexOf('"', 2));
                assertReply("{\"" + name + "_RSP\":{\"st\":" + invalid.status() + ",\"tkn\":" + token + "}}", client.request(request));
            }
            // and nothing was changed: the session is still empty
            assertReply("{\"KV_COUNT_RSP\":{\"st\":1,\"cnt\":0,\"tkn\":" + token + "}}",
                    client.request("{\"KV_COUNT\":{\"tkn\":" + token + "}}"));
        }
    }

    @Test
    void aCommandValueThatIsNotAnObjectGets12WithANullTokenWhenTheCommandNamesASession() throws Exception {
        try (CommandCore client = CommandCore.connect()) {
            assertReply("{\"KV_GET_RSP\":{\"st\":12,\"tkn\":null}}", client.request("{\"KV_GET\":[]}"));
            assertReply("{\"KV_SETQ_RSP\":{\"st\":12,\"tkn\":null}}", client.request("{\"KV_SETQ\":\"x\"}"));
            assertReply("{\"SH_INFO_RSP\":{\"st\":12,\"tkn\":null}}", client.request("{\"SH_INFO\":1}"));
            assertReply("{\"SH_END_RSP\":{\"st\":12,\"tkn\":null}}", client.request("{\"SH_END\":null}"));
            // commands that name no session never carry tkn
            assertReply("{\"SH_NEW_RSP\":{\"st\":12}}", client.request("{\"SH_NEW\":[]}"));
            assertReply("{\"SH_SAVE_RSP\":{\"st\":12}}", client.request("{\"SH_SAVE\":[]}"));
            assertReply("{\"NOPE_RSP\":{\"st\":12}}", client.request("{\"NOPE\":[]}"));
        }
    }

    @Test
    void sessionCommandParametersAreCheckedBeforeTheyAreUsed() throws Exception {
        try (CommandCore client = CommandCore.connect()) {
            assertReply("{\"SH_NEW_RSP\":{\"st\":41}}", client.request(
                    "{\"SH_NEW\":{\"name\":\"long\",\"shared\":true,\"expiry\":{\"duration\":9223372037,\"deleteSession\":true}}}"));
            assertReply("{\"SH_OPEN_RSP\":{\"st\":102,\"name\":\"long\",\"tkn\":null}}", client.request("{\"SH_OPEN\":{\"name\":\"long\"}}"));
            assertReply("{\"SH_SAVE_RSP\":{\"st\":41}}", client.request("{\"SH_SAVE\":{\"name\":\"ok\",\"tkns\":[\"-1\"]}}"));
            assertReply("{\"SH_SAVE_RSP\":{\"st\":42}}", client.request("{\"SH_SAVE\":{\"name\":\"\"}}"));
            assertReply("{\"SH_LOAD_RSP\":{\"st\":41}}", client.request("{\"SH_LOAD\":{\"name\":\"../x\"}}"));
        }
    }
}

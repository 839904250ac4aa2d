package io.nemesisdb.session;

import static io.nemesisdb.support.Replies.assertReply;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.CommandCore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** In KV mode the session commands do not exist. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class SessionCommandsInKvModeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SH_NEW", "SH_END", "SH_OPEN", "SH_INFO", "SH_INFO_ALL", "SH_EXISTS", "SH_END_ALL"})
    void sessionCommandIs10InKvMode(String command) throws Exception {
        try (CommandCore client = CommandCore.connect()) {
            assertReply("{\"" + command + "_RSP\":{\"st\":10}}",
                    client.request("{\"" + command + "\":{\"name\":\"n\",\"tkn\":5,\"tkns\":[]}}"));
        }
    }
}

package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.Replies;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

@HelidonTest
@AddBean(HeldStartupLoad.class)
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.admin-port", value = "0")
class ReadinessDuringStartupLoadTest {

    @Test
    void notReadyNorStartedWhileTheStartupLoadRunsThenReadyOnceItFinished() throws Exception {
        int admin = AdminClient.adminPort();

        AdminClient.Response ready = AdminClient.get(admin, "/health/ready");
        assertEquals(503, ready.status());
        JsonObject data = Replies.parse(ready.body()).getJsonArray("checks").getJsonObject(0).getJsonObject("data");
        assertEquals("loading held-dataset", data.getString("startupTasks"));
        assertEquals(true, data.getBoolean("listening"));
        assertEquals(503, AdminClient.get(admin, "/health/started").status());
        assertEquals(200, AdminClient.get(admin, "/health/live").status());

        HeldStartupLoad.release();

        assertEquals(200, AdminClient.get(admin, "/health/ready").status());
        assertEquals(200, AdminClient.get(admin, "/health/started").status());
    }
}

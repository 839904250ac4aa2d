package io.nemesisdb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.support.AdminClient;
import io.nemesisdb.support.Replies;
import io.nemesisdb.support.TestServer;
import io.nemesisdb.support.TransportTest;
import io.nemesisdb.support.WsClient;
import org.junit.jupiter.api.Test;

@TransportTest
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "nemesis.admin-port", value = "0")
class AdminPortTest {

    @Test
    void healthEndpointsAnswerOnTheAdminPort() throws Exception {
        int admin = AdminClient.adminPort();
        assertNotEquals(TestServer.port(), admin);
        for (String path : new String[] {"/health/live", "/health/ready", "/health/started"}) {
            AdminClient.Response response = AdminClient.get(admin, path);
            assertEquals(200, response.status(), path);
            assertEquals("UP", Replies.parse(response.body()).getString("status"), path);
        }
    }

    @Test
    void metricsAnswerInPrometheusTextOnTheAdminPort() throws Exception {
        AdminClient.Response response = AdminClient.get(AdminClient.adminPort(), "/metrics");
        assertEquals(200, response.status());
        assertTrue(response.body().contains("# TYPE nemesis_connections gauge"), response.body());
        assertTrue(response.body().contains("nemesis_commands_total{command=\"KV_SET\""), response.body());
    }

    @Test
    void theWebSocketPortServesNoHealthOrMetrics() throws Exception {
        for (String path : new String[] {"/health", "/health/ready", "/metrics", "/observe/health"}) {
            assertEquals(404, AdminClient.get(TestServer.port(), path).status(), path);
        }
    }

    @Test
    void theAdminPortServesNoWebSocket() {
        IOException refused = assertThrows(IOException.class, () -> WsClient.connect(AdminClient.adminPort()).close());
        assertTrue(refused.getMessage().contains("handshake refused"), refused.getMessage());
    }
}

package io.nemesisdb.client.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Set;

import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.client.NemesisClient;
import io.nemesisdb.support.TestServer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** {@code @Inject NemesisClient} in a CDI application, configured by nemesis.client.url (here: the test's own server). */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class NemesisClientCdiTest {

    /** nemesis.client.url names the server this test started, whose port is known only once it runs. */
    @AddConfigSource
    static ConfigSource clientUrl() {
        return new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return Set.of(NemesisClientProducer.URL);
            }

            @Override
            public String getValue(String name) {
                if (!name.equals(NemesisClientProducer.URL)) {
                    return null;
                }
                try {
                    return "ws://127.0.0.1:" + TestServer.port() + "/";
                } catch (RuntimeException e) {
                    return null; // before the server runs
                }
            }

            @Override
            public String getName() {
                return "the test server's URL";
            }
        };
    }

    @Inject
    Instance<NemesisClient> clients;

    @Test
    void anInjectedClientTalksToTheConfiguredServerAndIsOnePerApplication() {
        NemesisClient client = clients.get();
        client.sync().set(Map.of("cdi", "yes"));
        assertEquals("yes", client.sync().get("cdi", String.class));
        assertSame(client, clients.get());
        assertEquals("ws://127.0.0.1:" + TestServer.port() + "/", client.uri().toString());
    }
}

package io.nemesisdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code nemesis.cluster.*} settings: the member list or a DNS name, and one clear line for each bad value. */
class ClusterSettingsTest {

    private static ClusterSettings read(String... settings) {
        Map<String, String> values = new HashMap<>(Map.of(
                "nemesis.cluster.enabled", "true",
                "nemesis.cluster.name", "test",
                "nemesis.cluster.members", "127.0.0.1:5701",
                "nemesis.cluster.port", "5701",
                "nemesis.cluster.backups", "1"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return ClusterSettings.from(ConfigProviderResolver.instance().getBuilder()
                .withSources(new LaunchConfigSource(values)).build());
    }

    @Test
    void offReadsNothingElse() {
        ClusterSettings off = read("nemesis.cluster.enabled", "false", "nemesis.cluster.port", "not a port");
        assertFalse(off.enabled());
    }

    @Test
    void aListOfAddressesIsTheMemberList() {
        ClusterSettings settings = read("nemesis.cluster.members", " 10.0.0.1:5701, node-b.example:5702,[::1]:5703,10.0.0.4",
                "nemesis.cluster.port", "5709", "nemesis.cluster.backups", "2");
        assertEquals(List.of(new ClusterSettings.Member("10.0.0.1", 5701), new ClusterSettings.Member("node-b.example", 5702),
                new ClusterSettings.Member("::1", 5703), new ClusterSettings.Member("10.0.0.4", 5709)), settings.members());
        assertEquals("[::1]:5703", settings.members().get(2).toString());
        assertNull(settings.dnsName());
        assertEquals(5709, settings.port());
        assertEquals(2, settings.backups());
        assertEquals("test", settings.name());
    }

    @Test
    void oneNameWithoutAPortIsDnsDiscovery() {
        ClusterSettings settings = read("nemesis.cluster.members", "nemesisdb-headless.default.svc.cluster.local");
        assertEquals("nemesisdb-headless.default.svc.cluster.local", settings.dnsName());
        assertEquals(List.of(), settings.members());
        assertEquals(new ClusterSettings.Member("db", 5701), read("nemesis.cluster.members", "db:5701").members().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nemesis.cluster.members|''|setting nemesis.cluster.members is empty, but cluster mode is on",
            "nemesis.cluster.members|'a:1,b:x'|setting nemesis.cluster.members has 'b:x', whose port is not 1..65535",
            "nemesis.cluster.members|'a:1,b:0'|setting nemesis.cluster.members has 'b:0', whose port is not 1..65535",
            "nemesis.cluster.members|'a:1,,b:2'|setting nemesis.cluster.members has '', not a host:port address",
            "nemesis.cluster.members|'a b:1'|setting nemesis.cluster.members has 'a b:1', not a host:port address",
            "nemesis.cluster.port|0|setting nemesis.cluster.port is 0, outside 1..65535",
            "nemesis.cluster.backups|7|setting nemesis.cluster.backups is 7, outside 0..6",
            "nemesis.cluster.name|' '|setting nemesis.cluster.name is empty",
            "nemesis.cluster.enabled|yes|setting nemesis.cluster.enabled is 'yes', not true or false"})
    void badValuesStopTheStartUpWithOneLine(String name, String value, String message) {
        SettingsException e = assertThrows(SettingsException.class, () -> read(name, value));
        assertEquals(message, e.getMessage().substring(0, Math.min(message.length(), e.getMessage().length())), e.getMessage());
    }
}

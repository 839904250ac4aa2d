package io.nemesisdb.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.nemesisdb.command.CommandRegistry;
import io.nemesisdb.command.CommandSpec;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Keeps the conformance suite honest: every command in the server's registry is sent by at least one case. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class CommandCoverageTest {

    @Inject
    CommandRegistry registry;

    @Test
    void everyRegisteredCommandHasAConformanceCase() throws IOException {
        assertFalse(registry.all().isEmpty(), "the command registry is empty");
        Set<String> sent = commandsSentByCases();
        Set<String> missing = new TreeSet<>();
        for (CommandSpec spec : registry.all()) {
            if (!sent.contains(spec.name())) {
                missing.add(spec.name());
            }
        }
        assertTrue(missing.isEmpty(), "commands without a conformance case in conformance-tests/cases: " + missing);
    }

    /** The command names that case steps send as JSON ({@code send} and {@code sendSized.message}). */
    private static Set<String> commandsSentByCases() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Set<String> names = new HashSet<>();
        List<Path> files = CaseFilesTest.caseFiles();
        for (Path file : files) {
            for (JsonNode testCase : mapper.readTree(file.toFile())) {
                for (JsonNode step : testCase.get("steps")) {
                    addName(step.get("send"), names);
                    addName(step.path("sendSized").get("message"), names);
                }
            }
        }
        return names;
    }

    private static void addName(JsonNode message, Set<String> names) {
        if (message != null && message.isObject()) {
            message.fieldNames().forEachRemaining(names::add);
        }
    }
}

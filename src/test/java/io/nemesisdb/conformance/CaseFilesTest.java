package io.nemesisdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance case file matches the suite's JSON Schema, and case ids are unique over all files. */
class CaseFilesTest {

    static final Path CASES = Path.of("conformance-tests", "cases");
    private static final Path SCHEMA = Path.of("conformance-tests", "schema", "cases.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern OPTIONAL_PLACEHOLDER = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*\\?");

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static List<Path> caseFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CASES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseFiles")
    void caseFileMatchesTheSchema(Path file) throws IOException {
        Set<ValidationMessage> errors = schema.validate(MAPPER.readTree(file.toFile()));
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }

    @Test
    void schemaRejectsAStepThatSendsTwoThings() throws IOException {
        JsonNode bad = MAPPER.readTree("""
                [{"id":"x.y","description":"d","modes":["kv"],"tags":[],
                  "steps":[{"send":{"KV_COUNT":{}},"sendText":"{}","expect":{"KV_COUNT_RSP":{"st":1}}}]}]""");
        assertFalse(schema.validate(bad).isEmpty());
    }

    @Test
    void schemaRejectsAReplyPatternThatComparesM() throws IOException {
        JsonNode bad = MAPPER.readTree("""
                [{"id":"x.y","description":"d","modes":["kv"],"tags":[],
                  "steps":[{"send":{"KV_COUNT":{}},"expect":{"KV_COUNT_RSP":{"st":1,"m":"ok"}}}]}]""");
        assertFalse(schema.validate(bad).isEmpty());
    }

    /**
     * The runner adds no token to what a case sends: a case with a session sends every KV_ request with
     * its token ({@code "tkn": "$tkn?"}), or an explicit tkn of its own.
     */
    @Test
    void everyKvRequestOfACaseWithASessionCarriesATkn() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : caseFiles()) {
            for (JsonNode c : MAPPER.readTree(file.toFile())) {
                if (!c.has("session")) {
                    continue;
                }
                for (JsonNode step : c.get("steps")) {
                    for (JsonNode message : List.of(step.path("send"), step.path("sendSized").path("message"))) {
                        String name = message.isObject() && message.size() == 1 ? message.fieldNames().next() : "";
                        if (name.startsWith("KV_") && !message.get(name).has("tkn")) {
                            missing.add(c.get("id").asText() + ": " + message);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "KV_ requests without tkn in cases that declare a session");
    }

    /** A tkn written "$name?" names the case's session variable: any other would be left out in both modes. */
    @Test
    void tokenPlaceholdersNameTheCasesSession() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : caseFiles()) {
            for (JsonNode c : MAPPER.readTree(file.toFile())) {
                String expected = c.has("session") ? "$" + c.get("session").asText() + "?" : null;
                c.get("steps").findValues("tkn").stream().map(JsonNode::asText)
                        .filter(text -> OPTIONAL_PLACEHOLDER.matcher(text).matches() && !text.equals(expected))
                        .forEach(text -> wrong.add(c.get("id").asText() + ": " + text));
            }
        }
        assertEquals(List.of(), wrong, "optional placeholders that do not name the case's session");
    }

    @Test
    void caseIdsAreUniqueAcrossFiles() throws IOException {
        Set<String> ids = new HashSet<>();
        int count = 0;
        for (Path file : caseFiles()) {
            for (JsonNode c : MAPPER.readTree(file.toFile())) {
                assertTrue(ids.add(c.get("id").asText()), "duplicate case id " + c.get("id") + " in " + file);
                count++;
            }
        }
        assertEquals(ids.size(), count);
        assertTrue(count >= 300, "the suite should hold at least 300 cases, has " + count);
    }
}

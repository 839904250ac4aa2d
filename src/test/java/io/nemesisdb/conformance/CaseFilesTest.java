package io.nemesisdb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

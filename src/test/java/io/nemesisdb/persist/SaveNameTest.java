package io.nemesisdb.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import io.nemesisdb.protocol.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dataset name rule: what passes, what is 41, what is 42, and that a name stays inside the root. */
class SaveNameTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a", "A-z_0.9", "...", ".hidden", "x..y", "-", "_", "1795364065185310039"})
    void namesOfTheRuleAreValidAndStayInsideTheRoot(String name) {
        assertNull(SaveName.problem(name));
        Path root = Path.of("/srv/data");
        assertEquals(root, new DatasetLayout(root).nameDir(new SaveName(name)).getParent());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../x", "a/b", "/tmp/x", "..", ".", "a\\b", "sp ace", "é", "x\u0000", "tab\t", "a:b", "~"})
    void namesOutsideTheRuleAre41(String name) {
        assertEquals(Status.VALUE_TYPE_INVALID, SaveName.problem(name));
        assertThrows(IllegalArgumentException.class, () -> new SaveName(name));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 127, 128})
    void upTo128CharactersAreValid(int length) {
        assertNull(SaveName.problem("n".repeat(length)));
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {129, 1000})
    void longerNamesAre41(int length) {
        assertEquals(Status.VALUE_TYPE_INVALID, SaveName.problem("n".repeat(length)));
    }

    @org.junit.jupiter.api.Test
    void emptyNameIs42() {
        assertEquals(Status.VALUE_SIZE, SaveName.problem(""));
    }
}

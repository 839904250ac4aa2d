package io.nemesisdb.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.nemesisdb.json.LiteralNumber;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** Filter comparisons of numbers give BigDecimal's answers on both sides of the length where they switch to the text. */
class NumberComparisonTest {

    private static final Evaluation EVALUATION = new Evaluation(JsonValue.NULL, EvaluationBudget.unlimited());

    @Test
    void literalsAroundTheSwitchCompareAsBigDecimalsDo() {
        int edge = JsonValues.LONGEST_DECIMAL_LITERAL;
        List<String> literals = new ArrayList<>();
        for (int length = edge - 2; length <= edge + 2; length++) {
            literals.add("1".repeat(length));
            literals.add("1".repeat(length - 1) + "2");
            literals.add("-" + "1".repeat(length - 1));
            literals.add("1." + "1".repeat(length - 2));
            literals.add("1".repeat(length - 4) + "e-2");
        }
        literals.addAll(List.of("0", "5", "-5", "1e" + (edge - 1), "1.5e" + edge));
        for (String a : literals) {
            for (String b : literals) {
                int expected = new BigDecimal(a).compareTo(new BigDecimal(b));
                JsonNumber x = new LiteralNumber(a);
                JsonNumber y = new LiteralNumber(b);
                assertEquals(expected < 0, JsonValues.less(x, y), () -> a + " < " + b);
                assertEquals(expected == 0, JsonValues.equal(x, y, EVALUATION), () -> a + " == " + b);
            }
        }
    }

    @Test
    void aLongLiteralComparesWithTheNumbersFunctionsGive() {
        JsonNumber count = Json.createValue(7);
        JsonNumber longSeven = new LiteralNumber("7." + "0".repeat(2000));
        assertTrue(JsonValues.equal(count, longSeven, EVALUATION));
        assertTrue(JsonValues.less(count, new LiteralNumber("7." + "0".repeat(2000) + "1")));
        assertFalse(JsonValues.less(longSeven, count));
    }

    @Test
    void aLongLiteralWithoutABigDecimalEqualsOnlyItself() {
        String text = "1".repeat(2000) + "e99999999999";
        assertTrue(JsonValues.equal(new LiteralNumber(text), new LiteralNumber(text), EVALUATION));
        assertFalse(JsonValues.equal(new LiteralNumber(text), new LiteralNumber("1" + text), EVALUATION));
        assertFalse(JsonValues.less(new LiteralNumber(text), new LiteralNumber("1".repeat(2001))));
        assertFalse(JsonValues.less(new LiteralNumber("1".repeat(2001)), new LiteralNumber(text)));
    }
}

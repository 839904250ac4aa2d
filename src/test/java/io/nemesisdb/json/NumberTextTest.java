package io.nemesisdb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** Comparisons of number literals on their text agree with BigDecimal's, and so does which literals it can hold. */
class NumberTextTest {

    private static boolean bigDecimalTakes(String literal) {
        try {
            new BigDecimal(literal);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String digits(Random random, int max, boolean zeros) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(max);
        for (int i = 0; i < length; i++) {
            text.append(zeros && random.nextInt(3) > 0 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    /** A valid JSON number literal, with many zeros and nearby values so that ties and near ties are common. */
    private static String literal(Random random) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append('-');
        }
        String integer = digits(random, 6, random.nextBoolean()).replaceFirst("^0+(?=.)", "");
        text.append(integer);
        if (random.nextBoolean()) {
            text.append('.').append(digits(random, 6, random.nextBoolean()));
        }
        if (random.nextInt(3) == 0) {
            text.append(random.nextBoolean() ? 'e' : 'E');
            int sign = random.nextInt(3);
            text.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            text.append(random.nextInt(4) == 0 ? "000" : "").append(random.nextInt(8));
        }
        return text.toString();
    }

    @Test
    void comparisonsAgreeWithBigDecimal() {
        Random random = new Random(9535);
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            literals.add(literal(random));
        }
        literals.addAll(List.of("0", "-0", "0.0", "0e5", "-0.000e-3", "1", "1.0", "10e-1", "0.1e1", "100", "1e2", "1E+2",
                "99.99999", "100.00001", "-1", "-1.5", "-15e-1", "123456789012345678901234567890",
                "123456789012345678901234567891", "1.23456789012345678901234567890e29"));
        for (int i = 0; i < 100_000; i++) {
            String a = literals.get(random.nextInt(literals.size()));
            String b = literals.get(random.nextInt(literals.size()));
            int expected = Integer.signum(new BigDecimal(a).compareTo(new BigDecimal(b)));
            assertEquals(expected, Integer.signum(NumberText.compare(a, b)), () -> a + " <=> " + b);
        }
    }

    @Test
    void bigDecimalsOwnTextComparesAsItsValue() {
        for (String literal : List.of("1E+3", "1.5E-7", "-2.50E+12", "0E-10")) {
            String text = Json.createValue(new BigDecimal(literal)).toString();
            assertEquals(0, NumberText.compare(text, literal), text);
        }
        assertEquals("7", NumberText.of(Json.createValue(7)));
        assertEquals("1.50", NumberText.of(new LiteralNumber("1.50")));
    }

    @Test
    void longLiteralsCompareDigitByDigit() {
        String nines = "9".repeat(300);
        String power = "1" + "0".repeat(300);
        assertTrue(NumberText.compare(nines, power) < 0);
        assertTrue(NumberText.compare(power, nines + ".5") > 0);
        assertTrue(NumberText.compare(power, nines + ".9999e0") > 0);
        assertEquals(0, NumberText.compare(power, "1e300"));
        assertEquals(0, NumberText.compare("0." + "0".repeat(299) + "1", "1e-300"));
        String million = "7".repeat(1_000_000);
        assertEquals(0, NumberText.compare(million, million + ".000"));
        assertTrue(NumberText.compare(million, million.substring(1) + "8") < 0);
        assertTrue(NumberText.compare("-" + million, "5") < 0);
    }

    @Test
    void literalsBigDecimalCannotHoldAreRecognised() {
        List<String> edges = List.of("1e2147483647", "1e2147483648", "1e-2147483648", "1e-2147483649", "0.1e-2147483647",
                "0.1e-2147483648", "1.5e2147483648", "1e0000000000000005", "1e9999999999", "1e10000000000",
                "1e-9999999999", "1e12345678901", "0e99999999999", "123.456e00000000002147483647", "-1E+2147483649");
        for (String literal : edges) {
            assertEquals(bigDecimalTakes(literal), NumberText.hasDecimal(literal), literal);
        }
        assertTrue(NumberText.hasDecimal("9".repeat(1_000_000)));
        assertFalse(NumberText.hasDecimal("1e99999999999"));
        assertEquals(NumberText.INCOMPARABLE, NumberText.compare("1e99999999999", "1"));
        assertEquals(NumberText.INCOMPARABLE, NumberText.compare("1", "-1e-99999999999"));
    }
}

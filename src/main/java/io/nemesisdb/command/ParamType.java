package io.nemesisdb.command;

import io.nemesisdb.json.LiteralNumber;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The JSON types a command parameter can be declared with. */
public enum ParamType {
    OBJECT,
    ARRAY,
    STRING,
    BOOL,
    /** A non-negative integer literal without fraction or exponent. */
    UINT;

    /** True when {@code value} is of this type. */
    public boolean matches(JsonValue value) {
        return switch (this) {
            case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case ARRAY -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case STRING -> value.getValueType() == JsonValue.ValueType.STRING;
            case BOOL -> value == JsonValue.TRUE || value == JsonValue.FALSE
                    || value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE;
            case UINT -> isUnsignedInteger(value);
        };
    }

    /** True when {@code value} is empty: no members, no items, or no characters. */
    static boolean isEmpty(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> ((JsonObject) value).isEmpty();
            case ARRAY -> ((JsonArray) value).isEmpty();
            case STRING -> ((JsonString) value).getString().isEmpty();
            default -> false;
        };
    }

    private static boolean isUnsignedInteger(JsonValue value) {
        if (value instanceof LiteralNumber number) {
            return LiteralNumber.isUnsignedIntegerLiteral(number.text());
        }
        return value instanceof JsonNumber number && number.isIntegral() && number.bigDecimalValue().signum() >= 0;
    }
}

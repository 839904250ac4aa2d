package io.nemesisdb.json;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** An immutable JSON array held in one exactly sized array: two objects, whatever its length. */
public final class CompactArray extends AbstractList<JsonValue> implements JsonArray, RandomAccess {

    private final JsonValue[] values;

    private CompactArray(JsonValue[] values) {
        this.values = values;
    }

    /** Builds arrays from elements in order; a builder can be used again after {@link #build()}. */
    public static final class Builder {
        private JsonValue[] values = new JsonValue[4];
        private int size;

        public Builder add(JsonValue value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            return this;
        }

        /** Drops the elements added since the last build, as after a value that failed to parse. */
        public Builder clear() {
            forget(values, size);
            size = 0;
            return this;
        }

        public CompactArray build() {
            JsonValue[] v = Arrays.copyOf(values, size);
            clear();
            return new CompactArray(v);
        }
    }

    /** Clears the first {@code size} slots of a builder's array, so that it keeps no value alive. */
    static void forget(JsonValue[] values, int size) {
        for (int i = 0; i < size; i++) {
            values[i] = null;
        }
    }

    @Override
    public JsonValue get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.ARRAY;
    }

    @Override
    public JsonObject getJsonObject(int index) {
        return (JsonObject) values[index];
    }

    @Override
    public JsonArray getJsonArray(int index) {
        return (JsonArray) values[index];
    }

    @Override
    public JsonNumber getJsonNumber(int index) {
        return (JsonNumber) values[index];
    }

    @Override
    public JsonString getJsonString(int index) {
        return (JsonString) values[index];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends JsonValue> List<T> getValuesAs(Class<T> type) {
        for (JsonValue value : values) {
            type.cast(value);
        }
        return (List<T>) this;
    }

    @Override
    public String getString(int index) {
        return getJsonString(index).getString();
    }

    @Override
    public String getString(int index, String defaultValue) {
        return index >= 0 && index < values.length && values[index] instanceof JsonString string
                ? string.getString() : defaultValue;
    }

    @Override
    public int getInt(int index) {
        return getJsonNumber(index).intValue();
    }

    @Override
    public int getInt(int index, int defaultValue) {
        return index >= 0 && index < values.length && values[index] instanceof JsonNumber number
                ? number.intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(int index) {
        return CompactObject.booleanOf(values[index]);
    }

    @Override
    public boolean getBoolean(int index, boolean defaultValue) {
        return CompactObject.booleanOr(index >= 0 && index < values.length ? values[index] : null, defaultValue);
    }

    @Override
    public boolean isNull(int index) {
        return values[index].getValueType() == ValueType.NULL;
    }

    @Override
    public String toString() {
        return JsonText.toJson(this);
    }
}

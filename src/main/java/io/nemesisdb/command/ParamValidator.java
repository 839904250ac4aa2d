package io.nemesisdb.command;

import java.util.List;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Checks a command's body against its declared parameters: absent (26), wrong type (41),
 * empty where a value is required (42). Undeclared members are ignored.
 */
final class ParamValidator {

    /** A failed check: the status and a message naming the parameter. */
    record Violation(Status status, String message) {
    }

    private ParamValidator() {
    }

    /** The first violation found, or {@code null} when the body is valid. */
    static Violation validate(List<Param> params, JsonObject body) {
        for (Param param : params) {
            JsonValue value = body.get(param.name());
            if (value == null) {
                if (param.required()) {
                    return new Violation(Status.PARAM_MISSING, "missing parameter '" + param.name() + "'");
                }
                continue;
            }
            if (!param.type().matches(value)) {
                return new Violation(Status.VALUE_TYPE_INVALID,
                        "parameter '" + param.name() + "' must be " + param.type().name().toLowerCase());
            }
            if (param.mustNotBeEmpty() && ParamType.isEmpty(value)) {
                return new Violation(Status.VALUE_SIZE, "parameter '" + param.name() + "' must not be empty");
            }
            if (!param.members().isEmpty()) {
                Violation nested = validate(param.members(), (JsonObject) value);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}

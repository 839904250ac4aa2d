package io.nemesisdb.command;

import java.util.List;

import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Checks a command's body against its declaration: each parameter absent (26), of the wrong type
 * (41), empty where a value is required (42), or failing its own check. Undeclared members are
 * ignored; the checks among parameters are the command's {@link Command#parse}. The dispatcher runs this before the token and
 * everything else, so a request with an invalid parameter always gets that parameter's status.
 */
final class ParamValidator {

    private ParamValidator() {
    }

    /** The first violation found in {@code body} for the command {@code spec}, or {@code null} when it is valid. */
    static Violation validate(CommandSpec spec, JsonObject body) {
        return validate(spec.params(), body);
    }

    private static Violation validate(List<Param> params, JsonObject body) {
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
            if (param.check() != null) {
                Violation checked = param.check().apply(value);
                if (checked != null) {
                    return checked;
                }
            }
        }
        return null;
    }
}

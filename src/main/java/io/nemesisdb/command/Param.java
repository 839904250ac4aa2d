package io.nemesisdb.command;

import java.util.List;
import java.util.function.Function;

import jakarta.json.JsonValue;

/**
 * A declared command parameter: its name, type, whether it must be present and non-empty, for
 * objects the parameters of its members, and a check of its value beyond its type ({@code null}:
 * none). All of them run before anything else looks at the request (API.md 1.2).
 */
public record Param(String name, ParamType type, boolean required, boolean mustNotBeEmpty, List<Param> members,
                    Function<JsonValue, Violation> check) {

    public static Param required(String name, ParamType type) {
        return new Param(name, type, true, false, List.of(), null);
    }

    public static Param optional(String name, ParamType type) {
        return new Param(name, type, false, false, List.of(), null);
    }

    /** The same parameter, which must not be empty (42 when it is). */
    public Param nonEmpty() {
        return new Param(name, type, required, true, members, check);
    }

    /** The same object parameter, whose members are validated as {@code memberParams}. */
    public Param withMembers(Param... memberParams) {
        return new Param(name, type, required, mustNotBeEmpty, List.of(memberParams), check);
    }

    /**
     * The same parameter, whose value (present, of the declared type and, if so declared, not
     * empty) must also pass {@code check}: it returns the violation, or {@code null} when the value is valid.
     */
    public Param checked(Function<JsonValue, Violation> check) {
        return new Param(name, type, required, mustNotBeEmpty, members, check);
    }
}

package io.nemesisdb.command;

import java.util.List;

/**
 * A declared command parameter: its name, type, whether it must be present and non-empty, and,
 * for objects, the parameters of its members.
 */
public record Param(String name, ParamType type, boolean required, boolean mustNotBeEmpty, List<Param> members) {

    public static Param required(String name, ParamType type) {
        return new Param(name, type, true, false, List.of());
    }

    public static Param optional(String name, ParamType type) {
        return new Param(name, type, false, false, List.of());
    }

    /** The same parameter, which must not be empty (42 when it is). */
    public Param nonEmpty() {
        return new Param(name, type, required, true, members);
    }

    /** The same object parameter, whose members are validated as {@code memberParams}. */
    public Param withMembers(Param... memberParams) {
        return new Param(name, type, required, mustNotBeEmpty, List.of(memberParams));
    }
}

package io.nemesisdb.commands;

import static io.nemesisdb.command.Param.required;
import static io.nemesisdb.command.ParamType.STRING;

import io.nemesisdb.command.Param;
import io.nemesisdb.command.Violation;
import io.nemesisdb.persist.SaveName;
import io.nemesisdb.protocol.Status;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** The {@code name} of the dataset that a save or load command names: empty is 42, anything else outside {@link SaveName}'s rule 41. */
final class DatasetName {

    static final Param PARAM = required("name", STRING).checked(name -> {
        Status problem = SaveName.problem(((JsonString) name).getString());
        return problem == null ? null : new Violation(problem, SaveName.rule());
    });

    private DatasetName() {
    }

    /** The name in {@code body}, whose parameters were checked. */
    static SaveName of(JsonObject body) {
        return new SaveName(body.getString(PARAM.name()));
    }
}

package io.nemesisdb.jsonpath;

/** A well-typed function argument, already converted to the parameter's declared type. */
sealed interface FunctionArgument {

    record Value(ValueExpression expression) implements FunctionArgument {
    }

    record Nodes(Query query) implements FunctionArgument {
    }

    record Logical(LogicalExpression expression) implements FunctionArgument {
    }
}

package io.nemesisdb.jsonpath;

import java.util.List;

/** The function extensions of RFC 9535 section 2.4, with their declared parameter and result types. */
enum Function {
    LENGTH("length", FunctionType.VALUE, List.of(FunctionType.VALUE)),
    COUNT("count", FunctionType.VALUE, List.of(FunctionType.NODES)),
    MATCH("match", FunctionType.LOGICAL, List.of(FunctionType.VALUE, FunctionType.VALUE)),
    SEARCH("search", FunctionType.LOGICAL, List.of(FunctionType.VALUE, FunctionType.VALUE)),
    VALUE("value", FunctionType.VALUE, List.of(FunctionType.NODES));

    private final String functionName;
    private final FunctionType resultType;
    private final List<FunctionType> parameterTypes;

    Function(String functionName, FunctionType resultType, List<FunctionType> parameterTypes) {
        this.functionName = functionName;
        this.resultType = resultType;
        this.parameterTypes = parameterTypes;
    }

    String functionName() {
        return functionName;
    }

    FunctionType resultType() {
        return resultType;
    }

    List<FunctionType> parameterTypes() {
        return parameterTypes;
    }

    /** The function of that name, or null when RFC 9535 defines none. */
    static Function named(String name) {
        for (Function function : values()) {
            if (function.functionName.equals(name)) {
                return function;
            }
        }
        return null;
    }
}

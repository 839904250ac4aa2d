package io.nemesisdb.jsonpath;

/** The three types of RFC 9535's function extension type system (section 2.4.1). */
enum FunctionType {
    VALUE, LOGICAL, NODES
}

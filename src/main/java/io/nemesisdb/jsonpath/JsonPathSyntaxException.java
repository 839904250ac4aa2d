package io.nemesisdb.jsonpath;

/** A query that is not valid RFC 9535 JSONPath (bad syntax or a function used against its types). */
public final class JsonPathSyntaxException extends Exception {

    private final int position;

    JsonPathSyntaxException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    /** The offset in the query text where the problem was found. */
    public int position() {
        return position;
    }
}

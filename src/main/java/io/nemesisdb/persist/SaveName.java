package io.nemesisdb.persist;

import io.nemesisdb.protocol.Status;

/**
 * A dataset name that is safe to use as one directory name under the persist path: 1 to 128
 * letters, digits, {@code .}, {@code _} or {@code -}, and not {@code .} or {@code ..}. No separator
 * and no parent reference can pass, so a name never reaches outside the persist path.
 */
public record SaveName(String value) {

    static final int MAX_LENGTH = 128;

    public SaveName {
        Status problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid dataset name '" + value + "'");
        }
    }

    /**
     * Why {@code name} is not a valid dataset name: 42 when empty, 41 when it breaks the rule;
     * {@code null} when it is valid.
     */
    public static Status problem(String name) {
        if (name.isEmpty()) {
            return Status.VALUE_SIZE;
        }
        if (name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
            return Status.VALUE_TYPE_INVALID;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return Status.VALUE_TYPE_INVALID;
            }
        }
        return null;
    }

    /** The rule, for error messages. */
    public static String rule() {
        return "a dataset name is 1 to 128 letters, digits, '.', '_' or '-', and not '.' or '..'";
    }

    @Override
    public String toString() {
        return value;
    }
}

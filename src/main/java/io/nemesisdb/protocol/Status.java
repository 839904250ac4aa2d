package io.nemesisdb.protocol;

/**
 * Every status code a reply can carry ({@code "st"}), as listed in the protocol reference.
 * The only place status numbers are written down. The Java client's jar carries this class too
 * (it depends on nothing else), so client and server always name statuses alike.
 */
public enum Status {
    OK(1),
    OP_CODE_INVALID(2),
    JSON_INVALID(3),
    PATH_INVALID(4),
    PATH_NOT_EXIST(5),
    COMMAND_NOT_EXIST(10),
    COMMAND_MULTIPLE(11),
    COMMAND_TYPE(12),
    COMMAND_SYNTAX(13),
    COMMAND_DISABLED(14),
    FORBIDDEN(15),
    MEMORY_LIMIT(16),
    BUDGET_EXCEEDED(17),
    REPLY_TOO_LARGE(18),
    KEY_NOT_EXIST(22),
    PARAM_MISSING(26),
    VALUE_TYPE_INVALID(41),
    VALUE_SIZE(42),
    SESSION_NOT_EXIST(100),
    SESSION_TOKEN_INVALID(101),
    SESSION_OPEN_FAIL(102),
    SESSION_NEW_FAIL(103),
    SESSION_NAME_CONFLICT(104),
    SAVE_START(120),
    SAVE_COMPLETE(121),
    SAVE_DIR_WRITE_FAIL(122),
    SAVE_ERROR(123),
    LOAD_COMPLETE(141),
    LOAD_ERROR(142),
    UNKNOWN(1000);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The number sent on the wire. */
    public int code() {
        return code;
    }

    /** The status sent as {@code code}, or null when no status has that number. */
    public static Status of(int code) {
        for (Status status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }
}

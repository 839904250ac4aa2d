package io.nemesisdb.config;

import java.util.Locale;

/**
 * How many replies a save ({@code KV_SAVE}, {@code SH_SAVE}) sends, chosen at start-up by
 * {@code nemesis.persist.save-replies}: 0.6.4's clients read two, the 0.6.5+ clients one.
 */
public enum SaveReplies {
    /** 120 when the save is accepted, then 121 when durable (or an error): NemesisDB 0.6.4. */
    TWO,
    /** Only the outcome: 121 when durable, or the error status (NemesisDB 0.6.5+ clients). */
    ONE;

    /** The choice named {@code value} (case-insensitive), or a {@link SettingsException} naming the choices. */
    static SaveReplies parse(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "two" -> TWO;
            case "one" -> ONE;
            default -> throw new SettingsException("setting " + name + " is '" + value + "', not two or one");
        };
    }
}

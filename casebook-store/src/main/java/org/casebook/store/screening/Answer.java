package org.casebook.store.screening;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** An answer to one checklist item. Stored and sent as {@code yes}, {@code no}, {@code unknown}. */
public enum Answer
{
    YES, NO, UNKNOWN;

    @JsonValue
    public String text()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code yes}, {@code no} or {@code unknown} (any case); empty for anything else. */
    public static Optional<Answer> fromText(String text)
    {
        return Arrays.stream(values()).filter(answer -> answer.text().equalsIgnoreCase(text == null ? "" : text.strip())).findFirst();
    }
}

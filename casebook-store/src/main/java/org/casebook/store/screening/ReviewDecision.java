package org.casebook.store.screening;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The investigator's decision on an included patient: a confirmed acute exacerbation, a
 * suspected one (the event fits but CT data are missing) or rejected. Stored and sent as
 * {@code confirmed}, {@code suspected}, {@code rejected}.
 */
public enum ReviewDecision
{
    CONFIRMED("confirmed AE"),
    SUSPECTED("suspected AE"),
    REJECTED("rejected");

    private final String label;

    ReviewDecision(String label)
    {
        this.label = label;
    }

    @JsonValue
    public String text()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label()
    {
        return label;
    }

    /** {@code confirmed}, {@code suspected} or {@code rejected} (any case); empty for anything else. */
    public static Optional<ReviewDecision> fromText(String text)
    {
        return Arrays.stream(values()).filter(decision -> decision.text().equalsIgnoreCase(text == null ? "" : text.strip())).findFirst();
    }
}

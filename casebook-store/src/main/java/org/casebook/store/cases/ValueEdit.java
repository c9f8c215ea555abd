package org.casebook.store.cases;

import static java.util.Objects.requireNonNull;

/** A user's new text for one value; blank text clears the value. */
public record ValueEdit(String timepoint, String variable, String value)
{
    public ValueEdit
    {
        requireNonNull(timepoint, "timepoint is null");
        requireNonNull(variable, "variable is null");
        value = value == null ? "" : value.strip();
    }

    public String field()
    {
        return field(timepoint, variable);
    }

    static String field(String timepoint, String variable)
    {
        return timepoint.isEmpty() ? variable : timepoint + "." + variable;
    }
}

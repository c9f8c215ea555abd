package org.casebook.schema;

/**
 * The result of reading one cell: a value, or the problem with the text (what was expected).
 * A blank cell gives {@code value == null} and no problem (missing), unless the field is required.
 */
public record FieldCheck(Object value, String problem)
{
    public static FieldCheck ok(Object value)
    {
        return new FieldCheck(value, null);
    }

    public static FieldCheck bad(String problem)
    {
        return new FieldCheck(null, problem);
    }

    public boolean isValid()
    {
        return problem == null;
    }
}

package org.casebook.screening.omop;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One row of an {@link OmopTable}: its place ({@code line}: the file line where it starts, or the
 * row number in a database or Parquet table) and its values as text, blank meaning absent. Dates
 * are {@code YYYY-MM-DD} or {@code YYYYMMDD}, datetimes {@code YYYY-MM-DD HH:MM:SS} (or with a
 * {@code T}).
 *
 * @param columns column name (lower case) → index in {@code values}
 */
public record OmopRow(long line, Map<String, Integer> columns, List<String> values)
{
    public OmopRow
    {
        requireNonNull(columns, "columns is null");
        requireNonNull(values, "values is null");
    }

    /** The value, stripped, or null when the column is absent or the value blank. */
    public String get(String column)
    {
        Integer index = columns.get(column);
        if (index == null || index >= values.size()) {
            return null;
        }
        String value = values.get(index);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    public int width()
    {
        return values.size();
    }
}

package org.casebook.screening.local;

/** CSV rows as RFC 4180 with LF line ends: fields quoted only when they hold a comma, quote or line break. */
public final class Csv
{
    private Csv() {}

    public static String row(String... fields)
    {
        StringBuilder row = new StringBuilder();
        for (int index = 0; index < fields.length; index++) {
            if (index > 0) {
                row.append(',');
            }
            row.append(field(fields[index]));
        }
        return row.append('\n').toString();
    }

    public static String row(java.util.List<String> fields)
    {
        return row(fields.toArray(String[]::new));
    }

    private static String field(String value)
    {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

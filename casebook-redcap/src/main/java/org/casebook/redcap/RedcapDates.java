package org.casebook.redcap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as REDCap may export them, turned into the workbook's {@code yyyy-mm-dd}. REDCap exports
 * every date and datetime validation as {@code YYYY-MM-DD[ HH:MM[:SS]]}; a value typed in the
 * field's display order (a {@code date_dmy} field's {@code 31-12-2024}, {@code date_mdy}'s
 * {@code 12/31/2024}) is read in that order. Anything else is left for the workbook to refuse.
 */
final class RedcapDates
{
    private static final Pattern ISO_DATETIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T]\\d{1,2}:\\d{2}(:\\d{2})?");
    private static final Pattern THREE_PARTS = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})");

    private RedcapDates() {}

    static String toIso(String value, String validation)
    {
        Matcher datetime = ISO_DATETIME.matcher(value);
        if (datetime.matches()) {
            return datetime.group(1);
        }
        Matcher parts = THREE_PARTS.matcher(value);
        if (parts.matches()) {
            boolean dayFirst = validation.endsWith("_dmy");
            boolean monthFirst = validation.endsWith("_mdy");
            if (dayFirst || monthFirst) {
                String day = dayFirst ? parts.group(1) : parts.group(2);
                String month = dayFirst ? parts.group(2) : parts.group(1);
                return parts.group(3) + "-" + pad(month) + "-" + pad(day);
            }
        }
        return value;
    }

    private static String pad(String number)
    {
        return number.length() == 1 ? "0" + number : number;
    }
}

package org.casebook.web.cases;

import java.util.List;

import org.casebook.error.CasebookException;
import org.casebook.store.cases.RecordStatus;

/** How many rows a long list shows at once: 25, 50 (the default), 100 or all of them (for printing or the browser's find). */
public final class PageSizes
{
    public static final List<String> CHOICES = List.of("25", "50", "100", "all");

    private PageSizes() {}

    public static int parse(String size)
    {
        if (size == null || size.isBlank()) {
            return 50;
        }
        if (size.equals("all")) {
            return RecordStatus.MAX_PAGE_SIZE;
        }
        try {
            int value = Integer.parseInt(size.strip());
            if (value >= 1 && value <= 1000) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // below
        }
        throw CasebookException.badInput("size '%s': expected a number of rows from 1 to 1000, or all", size);
    }
}

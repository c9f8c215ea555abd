package org.casebook.workbook;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared instance per distinct value (patient ids, readers, dates, zone extents, case
 * values) for what an import keeps: a 100,000-patient workbook repeats each patient id in
 * dozens of rows and a few hundred dates in millions, and each row's copy would stay in memory
 * as long as the workbook. Bounded: past {@value #MAX} distinct values, new ones are kept as
 * they are, so that a workbook of unique values does not grow this table without use.
 */
final class Interner
{
    static final int MAX = 1 << 20;

    private final Map<Object, Object> canonical = new HashMap<>();

    /** The first instance equal to {@code value} this interner saw, or {@code value}; null for null. */
    @SuppressWarnings("unchecked")
    <T> T intern(T value)
    {
        if (value == null) {
            return null;
        }
        Object known = canonical.get(value);
        if (known != null) {
            return (T) known;
        }
        if (canonical.size() < MAX) {
            canonical.put(value, value);
        }
        return value;
    }
}

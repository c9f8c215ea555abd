package org.casebook.screening.omop;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One OMOP CDM table as stored: a CSV or tab-separated file, a Parquet file, a database table.
 * Column names are lower case; values are text ({@link OmopRow}).
 */
public interface OmopTable
{
    /** The CDM table name, lower case: {@code person}, {@code condition_occurrence}. */
    String name();

    /** Where it is stored, as skipped.csv and messages name it: a file name, or {@code schema.table}. */
    String file();

    /** The header's column names, lower case, in order. */
    List<String> columns();

    /** Each column's position by name; a name given twice is the first column of that name. */
    default Map<String, Integer> columnIndexes()
    {
        Map<String, Integer> indexes = new HashMap<>();
        List<String> columns = columns();
        for (int index = 0; index < columns.size(); index++) {
            indexes.putIfAbsent(columns.get(index), index);
        }
        return indexes;
    }

    /** Each row in stored order. */
    void forEachRow(RowConsumer consumer)
            throws IOException;

    @FunctionalInterface
    interface RowConsumer
    {
        void accept(OmopRow row)
                throws IOException;
    }
}

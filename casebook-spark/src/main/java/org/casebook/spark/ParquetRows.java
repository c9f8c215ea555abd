package org.casebook.spark;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.omop.OmopRow;
import org.casebook.screening.omop.OmopTable;

/**
 * A Parquet table file read by Spark's own Parquet reader, which cuts it into tasks by row
 * groups: each row with its number in the file ({@code _metadata.row_index} + 1, the row the
 * local engine's DuckDB reading numbers it), its values as the text the local engine reads.
 */
final class ParquetRows
        implements OmopTable
{
    private static final String ROW_INDEX = "casebook_row_index";

    private final String name;
    private final String file;
    private final List<String> columns;
    private final Iterator<Row> rows;

    /** @param rows rows of {@link #dataset}: the columns, then the row index */
    ParquetRows(String name, String file, List<String> columns, Iterator<Row> rows)
    {
        this.name = name;
        this.file = file;
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /** The file's rows: every column, then the row's index in the file. */
    static Dataset<Row> dataset(SparkSession spark, OmopFile file)
    {
        try {
            Dataset<Row> parquet = spark.read().parquet(file.uri());
            List<Column> selected = new ArrayList<>();
            for (StructField field : parquet.schema().fields()) {
                Column column = parquet.col("`" + field.name() + "`");
                // Dates and times as Spark writes them as text (YYYY-MM-DD, YYYY-MM-DD HH:MM:SS): turning them into
                // java.sql.Date in a row needs a JDK-internal class that Java 17 closes without --add-opens
                boolean dateOrTime = field.dataType() instanceof DateType || field.dataType() instanceof TimestampType || field.dataType() instanceof TimestampNTZType;
                selected.add(dateOrTime ? column.cast("string").as(field.name()) : column);
            }
            selected.add(functions.col("_metadata.row_index").as(ROW_INDEX));
            return parquet.select(selected.toArray(Column[]::new));
        }
        catch (RuntimeException e) {
            // Spark's AnalysisException and the like: a file Spark cannot read as Parquet
            throw new CasebookException(ErrorCode.BAD_INPUT, file.name() + ": cannot read the Parquet table (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** The column names, lower case, without the row index. */
    static List<String> columns(Dataset<Row> dataset)
    {
        List<String> names = new ArrayList<>(Arrays.asList(dataset.columns()));
        names.remove(names.size() - 1);
        return names.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The whole table in file order, collected to the driver (a vocabulary table). Sorted here:
     * Spark's sort would make many small jobs of a small table, and its tasks do not keep a
     * file's row groups in order.
     */
    static ParquetRows inOrder(SparkSession spark, OmopFile file)
    {
        Dataset<Row> dataset = dataset(spark, file);
        List<String> columns = columns(dataset);
        List<Row> rows = new ArrayList<>(dataset.collectAsList());
        rows.sort(java.util.Comparator.comparingLong(row -> row.getLong(columns.size())));
        return new ParquetRows(file.table(), file.name(), columns, rows.iterator());
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String file()
    {
        return file;
    }

    @Override
    public List<String> columns()
    {
        return columns;
    }

    @Override
    public void forEachRow(RowConsumer consumer)
            throws IOException
    {
        Map<String, Integer> indexes = columnIndexes();
        int width = columns.size();
        while (rows.hasNext()) {
            Row row = rows.next();
            String[] values = new String[width];
            for (int column = 0; column < width; column++) {
                values[column] = text(row.get(column));
            }
            consumer.accept(new OmopRow(row.getLong(width) + 1, indexes, Arrays.asList(values)));
        }
    }

    /**
     * A value as the text the local engine reads from DuckDB: a decimal with a fixed scale without
     * its padding zeros (2.800 is the 2.8 a CSV table holds), anything else as Java writes it
     * (dates and times come as text already, {@link #dataset}).
     */
    static String text(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            if (decimal.scale() <= 0) {
                return decimal.toPlainString();
            }
            BigDecimal stripped = decimal.stripTrailingZeros();
            return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        }
        return value.toString();
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

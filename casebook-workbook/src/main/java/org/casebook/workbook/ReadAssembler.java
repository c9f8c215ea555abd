package org.casebook.workbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Groups CT read rows into one read per (patient, time point, reader): reports a zone or lobe
 * given twice in a read and the zones or lobes a read lacks, and builds only complete, valid reads.
 *
 * @param <E> the part of the lung one row scores (zone or lobe)
 * @param <P> the row's scores of that part
 */
final class ReadAssembler<E extends Enum<E>, P>
{
    private final Class<E> partType;
    private final E[] partValues;
    private final String partColumn;
    private final Map<ReadKey, Group> groups = new LinkedHashMap<>();

    /** One read's rows so far, small: a 100,000-patient series has 600,000 reads. */
    private static final class Group
    {
        private final int firstRow;
        /** The first row of each part by its ordinal; 0 when not given. */
        private final int[] partRows;
        /** The valid rows' scores in row order. */
        private Object[] parts;
        private int partCount;
        private boolean valid = true;

        private Group(int firstRow, int partTypes)
        {
            this.firstRow = firstRow;
            this.partRows = new int[partTypes];
            this.parts = new Object[partTypes];
        }
    }

    /** @param partColumn the column naming the part: {@code zone} or {@code lobe} */
    ReadAssembler(Class<E> partType, String partColumn)
    {
        this.partType = requireNonNull(partType, "partType is null");
        this.partValues = partType.getEnumConstants();
        this.partColumn = requireNonNull(partColumn, "partColumn is null");
    }

    /** Adds one row; {@code key}, {@code part} or {@code scores} are null when the row had errors. */
    void add(RowCells cells, ReadKey key, E part, P scores)
    {
        if (key == null) {
            return;
        }
        Group group = groups.computeIfAbsent(key, ignored -> new Group(cells.number(), partValues.length));
        if (part != null) {
            int first = group.partRows[part.ordinal()];
            if (first != 0) {
                cells.error(partColumn, part.name(), partColumn + " " + part.name() + " given twice in the read of " + key.describe()
                        + "; first in row " + first);
            }
            else {
                group.partRows[part.ordinal()] = cells.number();
            }
        }
        if (cells.isValid()) {
            if (group.partCount == group.parts.length) {
                group.parts = Arrays.copyOf(group.parts, group.parts.length * 2 + 1);
            }
            group.parts[group.partCount++] = scores;
        }
        else {
            group.valid = false;
        }
    }

    /** The complete reads, in the order they first appear; incomplete ones are reported as errors. */
    <R> List<R> assemble(Sheet sheet, ImportIssues issues, BiFunction<ReadKey, List<P>, R> builder)
    {
        List<R> reads = new ArrayList<>();
        for (var iterator = groups.entrySet().iterator(); iterator.hasNext(); ) {
            Map.Entry<ReadKey, Group> entry = iterator.next();
            Group group = entry.getValue();
            iterator.remove(); // each group is done with as its read is built
            Set<E> missing = EnumSet.noneOf(partType);
            for (E part : partValues) {
                if (group.partRows[part.ordinal()] == 0) {
                    missing.add(part);
                }
            }
            if (!missing.isEmpty()) {
                issues.error(sheet.name(), group.firstRow, partColumn, null, "the read of " + entry.getKey().describe() + " lacks "
                        + partColumn + "(s) " + missing.stream().map(Enum::name).collect(Collectors.joining(", "))
                        + "; a read needs all of " + EnumSet.allOf(partType).stream().map(Enum::name).collect(Collectors.joining(", ")));
            }
            else if (group.valid) {
                @SuppressWarnings("unchecked")
                List<P> parts = (List<P>) Arrays.asList(Arrays.copyOf(group.parts, group.partCount));
                reads.add(builder.apply(entry.getKey(), parts));
            }
        }
        return reads;
    }
}

package org.casebook.workbook;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
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
    private final String partColumn;
    private final Map<ReadKey, Group> groups = new LinkedHashMap<>();

    private final class Group
    {
        private final int firstRow;
        private final Map<E, Integer> partRows = new HashMap<>();
        private final List<P> parts = new ArrayList<>();
        private boolean valid = true;

        private Group(int firstRow)
        {
            this.firstRow = firstRow;
        }
    }

    /** @param partColumn the column naming the part: {@code zone} or {@code lobe} */
    ReadAssembler(Class<E> partType, String partColumn)
    {
        this.partType = requireNonNull(partType, "partType is null");
        this.partColumn = requireNonNull(partColumn, "partColumn is null");
    }

    /** Adds one row; {@code key}, {@code part} or {@code scores} are null when the row had errors. */
    void add(RowCells cells, ReadKey key, E part, P scores)
    {
        if (key == null) {
            return;
        }
        Group group = groups.computeIfAbsent(key, ignored -> new Group(cells.number()));
        if (part != null) {
            Integer first = group.partRows.putIfAbsent(part, cells.number());
            if (first != null) {
                cells.error(partColumn, part.name(), partColumn + " " + part.name() + " given twice in the read of " + key.describe()
                        + "; first in row " + first);
            }
        }
        if (cells.isValid()) {
            group.parts.add(scores);
        }
        else {
            group.valid = false;
        }
    }

    /** The complete reads, in the order they first appear; incomplete ones are reported as errors. */
    <R> List<R> assemble(Sheet sheet, ImportIssues issues, BiFunction<ReadKey, List<P>, R> builder)
    {
        List<R> reads = new ArrayList<>();
        for (Map.Entry<ReadKey, Group> entry : groups.entrySet()) {
            Group group = entry.getValue();
            Set<E> missing = EnumSet.allOf(partType);
            missing.removeAll(group.partRows.keySet());
            if (!missing.isEmpty()) {
                issues.error(sheet.name(), group.firstRow, partColumn, null, "the read of " + entry.getKey().describe() + " lacks "
                        + partColumn + "(s) " + missing.stream().map(Enum::name).collect(Collectors.joining(", "))
                        + "; a read needs all of " + EnumSet.allOf(partType).stream().map(Enum::name).collect(Collectors.joining(", ")));
            }
            else if (group.valid) {
                reads.add(builder.apply(entry.getKey(), group.parts));
            }
        }
        return reads;
    }
}

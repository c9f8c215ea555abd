package org.casebook.report.figure;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.StudyData;

/**
 * Swimmer plots of a large series: the patients sorted by follow-up (longest first, then by case
 * number), at most {@link SwimmerPlot#MAX_PATIENTS_PER_FIGURE} per figure and at most
 * {@link #MAX_FIGURES} figures; the patients beyond are not drawn, and the captions point at the
 * timing table that lists every patient's days.
 */
public final class SwimmerPaging
{
    public static final int MAX_FIGURES = 3;

    private SwimmerPaging() {}

    /**
     * The swimmer figures made by {@code plot} (a study's swimmer plot, given the data and the first
     * figure number) for at most {@link #MAX_FIGURES} × 40 patients. {@code restTable} names the
     * tables with every patient ("Tables 5 and 5b"), for the captions when some are not drawn.
     */
    public static List<Figure> of(StudyData data, int firstFigureNumber, BiFunction<StudyData, Integer, List<Figure>> plot, String restTable)
    {
        List<CaseRecord> cases = data.workbook().cases();
        int shown = SwimmerPlot.MAX_PATIENTS_PER_FIGURE * MAX_FIGURES;
        if (cases.size() <= shown) {
            return plot.apply(withCases(data, data.casesInOrder()), firstFigureNumber);
        }
        List<CaseRecord> sorted = new ArrayList<>(data.casesInOrder());
        sorted.sort(Comparator.comparingLong((CaseRecord record) -> followUpDays(data, record)).reversed());
        StudyData part = withCases(data, sorted.subList(0, shown));
        String note = " The " + shown + " of " + cases.size() + " patients with the longest follow-up are drawn, longest first; every patient's days are in "
                + restTable + ".";
        return plot.apply(part, firstFigureNumber).stream()
                .map(figure -> new Figure(figure.id(), figure.caption() + note, figure.chartFactory(), figure.width(), figure.height(), figure.column()))
                .toList();
    }

    /** The study with only {@code cases}, in this order (the lanes' order), keeping the series' case numbers. */
    private static StudyData withCases(StudyData data, List<CaseRecord> cases)
    {
        CaseWorkbook workbook = data.workbook();
        CaseWorkbook subset = new CaseWorkbook(List.copyOf(cases), workbook.measurements(), workbook.ctStudies(), workbook.ichikadoReads(),
                workbook.kazerooniReads(), workbook.adverseEvents());
        return new StudyData(data.protocol(), subset, data.results(), data.variableOrder(), data.caseNumbers());
    }

    /** Days from day 0 to death or the last follow-up (the protocol's fields), else to the latest date recorded. */
    static long followUpDays(StudyData data, CaseRecord record)
    {
        var end = data.followupEnd(record);
        if (end == null) {
            end = record.values().values().stream().filter(value -> value instanceof java.time.LocalDate).map(value -> (java.time.LocalDate) value)
                    .max(java.util.Comparator.naturalOrder()).orElse(record.dayZero());
        }
        return ChronoUnit.DAYS.between(record.dayZero(), end);
    }
}

package org.casebook.ctscore;

import java.util.List;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.casedata.CaseWorkbook;

/**
 * A standardized HRCT score (Ichikado, Kazerooni, …). A protocol names the system it uses
 * ({@code ct_score.system}); the analysis asks the system for the reads it scores and the names
 * of its components, the study store and the blinded reading form for its {@link #layout()}
 * and a read built from the values a reader gave.
 */
public interface CtScoringSystem
{
    /** The protocol's name for the system, e.g. {@code ichikado}. */
    String name();

    /** Lowest and highest possible total, for axes and plausibility checks. */
    double minTotal();

    double maxTotal();

    /**
     * A read's total is a whole number of 1/this: the number of regions it is the mean over
     * (Ichikado: sixths, six zones; Kazerooni: fifths, five lobes).
     */
    int readTotalDenominator();

    /**
     * A read's total back from its nearest double (as the study store keeps it) to its exact value:
     * the double is within far less than 1/(2 × {@link #readTotalDenominator()}) of it.
     */
    default Fraction exactReadTotal(double total)
    {
        int denominator = readTotalDenominator();
        return Fraction.of(Math.toIntExact(Math.round(total * denominator)), denominator);
    }

    /** Component variable names in display order (each a key of {@link CtScore#components()}). */
    List<String> components();

    /** The reads of this system in a case workbook. */
    List<? extends CtRead> reads(CaseWorkbook workbook);

    /** What people call it: {@code Ichikado score}. */
    String label();

    /** What a reader fills in: the regions, the items of each and their allowed values. */
    ReadLayout layout();

    /**
     * A read of this system from its values (as {@link ReadLayout#parse} gives them, or as stored).
     *
     * @throws IllegalArgumentException when a region or item is missing or a value is not allowed
     */
    CtRead read(ScanRef scan, String reader, ReadGrid grid);

    static CtScoringSystem forName(String name)
    {
        return switch (name) {
            case IchikadoScore.NAME -> new IchikadoScore();
            case KazerooniScore.NAME -> new KazerooniScore();
            default -> throw new IllegalArgumentException("unknown CT scoring system '" + name + "'; expected ichikado or kazerooni");
        };
    }
}

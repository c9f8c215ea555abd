package org.casebook.ctscore;

import java.util.List;

import org.casebook.casedata.CaseWorkbook;

/**
 * A standardized HRCT score (Ichikado, Kazerooni, …). A protocol names the system it uses; the
 * analysis asks the system for the reads it scores and the names of its components.
 */
public interface CtScoringSystem
{
    /** The protocol's name for the system, e.g. {@code ichikado}. */
    String name();

    /** Lowest and highest possible total, for axes and plausibility checks. */
    double minTotal();

    double maxTotal();

    /** Component variable names in display order (each a key of {@link CtScore#components()}). */
    List<String> components();

    /** The reads of this system in a case workbook. */
    List<? extends CtRead> reads(CaseWorkbook workbook);

    static CtScoringSystem forName(String name)
    {
        return switch (name) {
            case IchikadoScore.NAME -> new IchikadoScore();
            case KazerooniScore.NAME -> new KazerooniScore();
            default -> throw new IllegalArgumentException("unknown CT scoring system '" + name + "'; expected ichikado or kazerooni");
        };
    }
}

package org.casebook.screening.rules;

import java.math.BigDecimal;
import java.util.Set;

import org.casebook.codeset.CodeSet;

import static java.util.Objects.requireNonNull;

/**
 * How screening takes each included case's values from the records: the protocol's
 * {@code extraction} section (code sets, windows, thresholds). The selection rule of each value
 * (nearest, latest, first, lowest, last) is fixed and documented in docs/screening.md.
 */
public record ExtractionSpec(
        RecordRules recordRules,
        Ct ct,
        PfRatio pfRatio,
        Fvc fvc,
        PriorJakInhibitor priorJakInhibitor,
        CodeSet treatment,
        Pulse pulse,
        HomeOxygen homeOxygen)
{
    public ExtractionSpec
    {
        requireNonNull(recordRules, "recordRules is null");
        requireNonNull(ct, "ct is null");
        requireNonNull(pfRatio, "pfRatio is null");
        requireNonNull(fvc, "fvc is null");
        requireNonNull(priorJakInhibitor, "priorJakInhibitor is null");
        requireNonNull(treatment, "treatment is null");
        requireNonNull(pulse, "pulse is null");
        requireNonNull(homeOxygen, "homeOxygen is null");
    }

    /** CT studies: onset nearest to day 0, before the latest other study, after the first. */
    public record Ct(Set<String> modalities, DayWindow onset, DayWindow before, DayWindow after) {}

    /** P/F ratio: given (ratio code set) or computed from PaO2 and the nearest FiO2 within the minutes; onset lowest, after last. */
    public record PfRatio(CodeSet ratio, CodeSet pao2, CodeSet fio2, int maxMinutesApart, DayWindow onset, DayWindow after) {}

    /** %FVC: before the latest, after the first. */
    public record Fvc(CodeSet codeSet, DayWindow before, DayWindow after) {}

    /** The prior drug stopped (status in {@code statuses}) with the latest end inside the window; an adverse-event stop when its reason matches. */
    public record PriorJakInhibitor(CodeSet codeSet, Set<String> statuses, DayWindow window, CodeSet adverseEventReasons) {}

    /** Pulse: any single dose of the drug at or above the threshold, between admission and discharge. */
    public record Pulse(CodeSet codeSet, BigDecimal minSingleDoseMg) {}

    /** Home oxygen: the item in a request, or the condition recorded, within the days around discharge. */
    public record HomeOxygen(CodeSet codeSet, CodeSet conditionCodeSet, int daysAroundDischarge) {}
}

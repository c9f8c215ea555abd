package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where one value of a case comes from in the EHR records (the protocol's {@code extract} list):
 * a variable at a time point, or a case field. Either a search (records of {@code kind} and
 * {@code codeSet} passing {@code filter}, in {@code window} days from {@code anchor}, chosen by
 * {@code pick}) or a criterion's matched record ({@code criterion}), or a fact of the patient
 * ({@code death_date}, {@code birth_age}, …), turned into the value {@code value} names.
 * <p>
 * A rule may instead fill the CT study of a time point ({@code ctStudy}: the imaging study chosen,
 * one study per time point), take another field rule's chosen record ({@code recordOf}), search
 * several kinds at once ({@code anyOf}, each alternative a rule of kind, code set and filter),
 * judge records by another of their dates ({@code recordDate}: start, end, recorded), convert by
 * units of its own ({@code units}, factors to the variable's unit), or name the reason a drug was
 * stopped ({@code reasonCodeSet}, {@code reasonText}).
 *
 * @param kinds with value {@code last_record_date}: the record kinds (and {@code patient}) whose dates count; empty: all
 */
public record ExtractRule(
        String variable,
        String timepoint,
        String field,
        String kind,
        String codeSet,
        RecordFilter filter,
        DayWindow window,
        String anchor,
        boolean duringAdmission,
        String pick,
        int nearestDay,
        String value,
        String doseUnit,
        String criterion,
        int line,
        boolean ctStudy,
        String recordDate,
        Map<String, BigDecimal> units,
        String recordOf,
        String reasonCodeSet,
        String reasonText,
        List<ExtractRule> anyOf,
        List<String> kinds)
{
    /** A rule without the later keys (a plain search, criterion or patient fact). */
    public ExtractRule(String variable, String timepoint, String field, String kind, String codeSet, RecordFilter filter, DayWindow window, String anchor,
            boolean duringAdmission, String pick, int nearestDay, String value, String doseUnit, String criterion, int line)
    {
        this(variable, timepoint, field, kind, codeSet, filter, window, anchor, duringAdmission, pick, nearestDay, value, doseUnit, criterion, line,
                false, "start", null, null, null, null, List.of(), List.of());
    }

    public ExtractRule
    {
        requireNonNull(recordDate, "recordDate is null");
        units = units == null ? null : Map.copyOf(units);
        anyOf = List.copyOf(requireNonNull(anyOf, "anyOf is null"));
        kinds = List.copyOf(requireNonNull(kinds, "kinds is null"));
        requireNonNull(anchor, "anchor is null");
        requireNonNull(pick, "pick is null");
        requireNonNull(value, "value is null");
        requireNonNull(filter, "filter is null");
    }

    /** The variable@timepoint or field this rule fills, for messages. */
    public String target()
    {
        if (ctStudy) {
            return "ct_study at " + timepoint;
        }
        return field != null ? field : variable + " at " + timepoint;
    }

    /** The same records and filter judged in another rule's window and pick (a ratio's numerator in the ratio's window). */
    public ExtractRule inWindowOf(ExtractRule other)
    {
        return new ExtractRule(variable, timepoint, field, kind, codeSet, filter, other.window, other.anchor, other.duringAdmission, other.pick, other.nearestDay,
                value, doseUnit, null, line, ctStudy, recordDate, units, recordOf, reasonCodeSet, reasonText, anyOf, kinds);
    }
}

package org.casebook.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Where one value of a case comes from in the EHR records (the protocol's {@code extract} list):
 * a variable at a time point, or a case field. Either a search (records of {@code kind} and
 * {@code codeSet} passing {@code filter}, in {@code window} days from {@code anchor}, chosen by
 * {@code pick}) or a criterion's matched record ({@code criterion}), or a fact of the patient
 * ({@code death_date}, {@code birth_age}, …), turned into the value {@code value} names.
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
        int line)
{
    public ExtractRule
    {
        requireNonNull(anchor, "anchor is null");
        requireNonNull(pick, "pick is null");
        requireNonNull(value, "value is null");
        requireNonNull(filter, "filter is null");
    }

    /** The variable@timepoint or field this rule fills, for messages. */
    public String target()
    {
        return field != null ? field : variable + " at " + timepoint;
    }
}

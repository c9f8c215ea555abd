package org.casebook.screening.synth;

/**
 * The planted patients of the synthetic hospital: eligible patients with full timelines, and near
 * misses of every rule, each named, with the screening result it must get.
 */
public enum Variant
{
    ELIGIBLE(Outcome.INCLUDED, null),
    JAKI_BY_REFERENCE(Outcome.INCLUDED, null),
    JAKI_CONTAINED(Outcome.INCLUDED, null),
    JAKI_BY_TEXT_ONLY(Outcome.INCLUDED, null),
    JAKI_ON_DISCHARGE_DAY_WITH_OFFSET(Outcome.INCLUDED, null),
    ADMISSION_OFFSET_NEW_YEAR(Outcome.INCLUDED, null),
    ADMISSION_OFFSET_NEW_YEARS_EVE(Outcome.INCLUDED, null),
    ADMISSION_OPEN(Outcome.INCLUDED, null),
    SECOND_ADMISSION_ELIGIBLE(Outcome.INCLUDED, null),
    ILD_BY_CONDITION_ENCOUNTER(Outcome.INCLUDED, null),
    ILD_BY_DIAGNOSIS(Outcome.INCLUDED, null),
    RA_YEAR_PRECISION_BEFORE(Outcome.INCLUDED, null),
    RA_RECORDED_AFTER_ADMISSION(Outcome.EXCLUDED, "ra"),
    RA_REFUTED(Outcome.EXCLUDED, "ra"),
    RA_YEAR_OF_ADMISSION(Outcome.EXCLUDED, "ra"),
    NO_RA(Outcome.EXCLUDED, "ra"),
    PREDNISOLONE_INSTEAD(Outcome.EXCLUDED, "glucocorticoid"),
    MPSL_ENTERED_IN_ERROR(Outcome.EXCLUDED, "glucocorticoid"),
    MPSL_DAY_BEFORE_ADMISSION(Outcome.EXCLUDED, "glucocorticoid"),
    JAKI_ONLY_BEFORE_STAY(Outcome.EXCLUDED, "jak_inhibitor"),
    JAKI_ONLY_AFTER_STAY(Outcome.EXCLUDED, "jak_inhibitor"),
    JAKI_CANCELLED(Outcome.EXCLUDED, "jak_inhibitor"),
    OUTPATIENT_VISIT(Outcome.NOT_A_CANDIDATE, null),
    ADMISSION_2023(Outcome.NOT_A_CANDIDATE, null),
    ADMISSION_2025(Outcome.NOT_A_CANDIDATE, null),
    ADMISSION_UTC_2024_LOCAL_2023(Outcome.NOT_A_CANDIDATE, null),
    ADMISSION_CANCELLED(Outcome.NOT_A_CANDIDATE, null),
    ADMISSION_MONTH_PRECISION(Outcome.NOT_A_CANDIDATE, null),
    ILD_REFUTED(Outcome.NOT_A_CANDIDATE, null);

    /** What screening must decide for the patient. */
    public enum Outcome { INCLUDED, EXCLUDED, NOT_A_CANDIDATE }

    private final Outcome outcome;
    private final String reason;

    Variant(Outcome outcome, String reason)
    {
        this.outcome = outcome;
        this.reason = reason;
    }

    public Outcome outcome()
    {
        return outcome;
    }

    /** The first unmet criterion of an excluded near miss. */
    public String reason()
    {
        return reason;
    }

    /** The name used in patient ids and test names, e.g. {@code ra-refuted}. */
    public String slug()
    {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

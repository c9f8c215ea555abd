package org.casebook.screening.synth.generic;

import static java.util.Objects.requireNonNull;

/**
 * One planted patient's design: a full eligible timeline, changed in one place ({@code change}
 * applied to the records of {@code criterion}), and the screening result that change must give:
 * {@code included}, {@code excluded} with {@code reason}, or {@code absent} (no index event, so
 * not in the screening log). An eligible patient has no change.
 */
record Variant(String slug, String criterion, Change change, String outcome, String reason)
{
    Variant
    {
        requireNonNull(slug, "slug is null");
        requireNonNull(change, "change is null");
        requireNonNull(outcome, "outcome is null");
    }

    static final Variant ELIGIBLE = new Variant("eligible", null, Change.NONE, "included", null);

    /** What is changed in the targeted criterion's records. */
    enum Change
    {
        NONE,
        /** The records a day before the first day their timing allows. */
        DAY_BEFORE,
        /** The records a day after the last day their timing allows. */
        DAY_AFTER,
        /** On the last allowed day, written late with a western offset (the next day in UTC). */
        TZ_LAST_DAY,
        /** On the day after the last allowed day, written early with an eastern offset (the last day in UTC). */
        TZ_DAY_AFTER,
        /** On the first allowed day, written early with an eastern offset (the day before in UTC). */
        TZ_FIRST_DAY,
        /** On the day before the first allowed day, written late with a western offset (the first day in UTC). */
        TZ_DAY_BEFORE,
        CODE_NOT_IN_SET,
        REFUTED,
        ENTERED_IN_ERROR,
        STATUS_NOT_COUNTED,
        CLASS_NOT_COUNTED,
        RECORD_TYPE_NOT_COUNTED,
        VALUE_FAILS,
        VALUE_OTHER_UNIT,
        VALUE_CODE_NOT_IN_SET,
        MODALITY_NOT_LISTED,
        MIN_COUNT_SHORT,
        /** A medication's dose on the wrong side of a {@code dose} filter's threshold by one step (the threshold itself for {@code >}/{@code <}). */
        DOSE_FAILS,
        /** A passing dose number in a unit that is not a mass (mL), so it cannot be converted to the filter's mass unit. */
        DOSE_NOT_MASS,
        /** A medication record without any dose. */
        NO_DOSE,
        /** An earlier record of the index code set, before the study window (first_record). */
        EARLIER_RECORD,
        /** An exclusion's records present as they would exclude. */
        PRESENT
    }
}

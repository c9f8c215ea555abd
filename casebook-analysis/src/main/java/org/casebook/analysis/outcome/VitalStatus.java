package org.casebook.analysis.outcome;

import java.time.LocalDate;

import org.casebook.casedata.CaseRecord;
import org.casebook.protocol.OutcomeDefinitions;

/**
 * A patient's status at the follow-up day ({@code outcomes.followup_day}), counted from day 0, from
 * the protocol's date fields of the death and the last follow-up ({@code outcomes.death},
 * {@code outcomes.last_followup}):
 * died on or before it; alive, when no death on or before it and followed up to it (a death after
 * the follow-up day also shows the patient alive on it); otherwise censored before it.
 */
public enum VitalStatus
{
    ALIVE, DIED, CENSORED;

    /** The status at {@code day}, from the date fields the protocol names for the death and the last follow-up. */
    public static VitalStatus at(CaseRecord record, OutcomeDefinitions outcomes, int day)
    {
        return at(record.dayZero(), record.date(outcomes.deathField()), record.date(outcomes.lastFollowupField()), day);
    }

    /** The status at {@code day} after {@code dayZero} from the dates of death and last follow-up (either may be null). */
    public static VitalStatus at(LocalDate dayZero, LocalDate death, LocalDate lastFollowup, int day)
    {
        LocalDate followupDate = dayZero.plusDays(day);
        if (death != null && !death.isAfter(followupDate)) {
            return DIED;
        }
        LocalDate lastSeen = lastFollowup;
        if (death != null && (lastSeen == null || death.isAfter(lastSeen))) {
            lastSeen = death;
        }
        return lastSeen != null && !lastSeen.isBefore(followupDate) ? ALIVE : CENSORED;
    }

    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

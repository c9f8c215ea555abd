package org.casebook.analysis.outcome;

import java.time.LocalDate;

import org.casebook.casedata.CaseRecord;

/**
 * A patient's status at the follow-up day (day 90), counted from day 0 (the exacerbation onset):
 * died on or before it; alive, when no death on or before it and followed up to it (a death after
 * the follow-up day also shows the patient alive on it); otherwise censored before it.
 */
public enum VitalStatus
{
    ALIVE, DIED, CENSORED;

    public static VitalStatus at(CaseRecord record, int followupDay)
    {
        return at(record.dayZero(), record.deathDate(), record.lastFollowupDate(), followupDay);
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

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
        LocalDate followupDate = record.dayZero().plusDays(followupDay);
        LocalDate death = record.deathDate();
        if (death != null && !death.isAfter(followupDate)) {
            return DIED;
        }
        LocalDate lastSeen = record.lastFollowupDate();
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

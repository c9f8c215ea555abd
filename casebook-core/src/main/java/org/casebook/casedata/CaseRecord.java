package org.casebook.casedata;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One patient of the series as the investigators recorded it (the {@code cases} sheet). Only
 * {@code patientId} and {@code admissionDate} are required; any other component may be
 * {@code null}, meaning "not recorded", which the results report as missing and never guess.
 */
public record CaseRecord(
        String patientId,
        LocalDate admissionDate,
        LocalDate aeOnsetDate,
        LocalDate dischargeDate,
        Double age,
        Sex sex,
        Double weightKg,
        Double bmi,
        SmokingStatus smoking,
        Double raDurationYears,
        Boolean rfPositive,
        Boolean acpaPositive,
        IldPattern ildPattern,
        Boolean antifibrotic,
        Double baselinePslMg,
        String priorJaki,
        LocalDate priorJakiStopDate,
        String priorJakiStopReason,
        String jakiAgent,
        Double jakiDoseMg,
        LocalDate jakiStartDate,
        Boolean mpslPulse,
        LocalDate mpslPulseStartDate,
        Double mpslMaxDailyDoseMg,
        Boolean homeOxygenAtDischarge,
        LocalDate deathDate,
        LocalDate lastFollowupDate,
        SourceRef source)
{
    public CaseRecord
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(admissionDate, "admissionDate is null");
    }

    /** Day 0 of the case timeline: the exacerbation onset, or the admission when onset was not recorded. */
    public LocalDate dayZero()
    {
        return aeOnsetDate != null ? aeOnsetDate : admissionDate;
    }
}

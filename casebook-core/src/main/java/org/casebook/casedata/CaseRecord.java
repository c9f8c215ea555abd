package org.casebook.casedata;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One patient of the series as the investigators recorded it (the {@code cases} sheet). The
 * protocol's case fields are in {@link #fields()}; the named components are the seed study's
 * fields, filled from the fields of the same name when the protocol has them. Only
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
        SourceRef source,
        Map<String, Object> fields)
{
    public CaseRecord
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(admissionDate, "admissionDate is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    /** A case of the seed's shape, without the protocol's field values (see {@link #fields()}). */
    public CaseRecord(String patientId, LocalDate admissionDate, LocalDate aeOnsetDate, LocalDate dischargeDate, Double age, Sex sex,
            Double weightKg, Double bmi, SmokingStatus smoking, Double raDurationYears, Boolean rfPositive, Boolean acpaPositive,
            IldPattern ildPattern, Boolean antifibrotic, Double baselinePslMg, String priorJaki, LocalDate priorJakiStopDate,
            String priorJakiStopReason, String jakiAgent, Double jakiDoseMg, LocalDate jakiStartDate, Boolean mpslPulse,
            LocalDate mpslPulseStartDate, Double mpslMaxDailyDoseMg, Boolean homeOxygenAtDischarge, LocalDate deathDate,
            LocalDate lastFollowupDate, SourceRef source)
    {
        this(patientId, admissionDate, aeOnsetDate, dischargeDate, age, sex, weightKg, bmi, smoking, raDurationYears, rfPositive, acpaPositive,
                ildPattern, antifibrotic, baselinePslMg, priorJaki, priorJakiStopDate, priorJakiStopReason, jakiAgent, jakiDoseMg, jakiStartDate,
                mpslPulse, mpslPulseStartDate, mpslMaxDailyDoseMg, homeOxygenAtDischarge, deathDate, lastFollowupDate, source, Map.of());
    }

    /**
     * The case's values by the protocol's field names, typed as {@link org.casebook.schema.FieldParser}
     * reads them; missing values are absent. When empty (a case built in the seed's shape), the
     * seed's named components are the values: {@link #values()} gives them by field name.
     */
    public Map<String, Object> values()
    {
        return fields.isEmpty() ? SeedFields.valuesOf(this) : fields;
    }

    /** Day 0 of the case timeline: the exacerbation onset, or the admission when onset was not recorded. */
    public LocalDate dayZero()
    {
        return aeOnsetDate != null ? aeOnsetDate : admissionDate;
    }
}

package org.casebook.casedata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates between a case's values by field name and the record's named components, which
 * carry the seed study's fields. A protocol that declares a field of one of these names fills the
 * component too, so that code written for the seed's components keeps reading it.
 */
final class SeedFields
{
    private SeedFields() {}

    static Map<String, Object> valuesOf(CaseRecord c)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        put(values, "admission_date", c.admissionDate());
        put(values, "ae_onset_date", c.aeOnsetDate());
        put(values, "discharge_date", c.dischargeDate());
        put(values, "age", decimal(c.age()));
        put(values, "sex", c.sex() == null ? null : c.sex().name());
        put(values, "weight_kg", decimal(c.weightKg()));
        put(values, "bmi", decimal(c.bmi()));
        put(values, "smoking", c.smoking() == null ? null : c.smoking().label());
        put(values, "ra_duration_years", decimal(c.raDurationYears()));
        put(values, "rf_positive", c.rfPositive());
        put(values, "acpa_positive", c.acpaPositive());
        put(values, "ild_pattern", c.ildPattern() == null ? null : c.ildPattern().label());
        put(values, "antifibrotic", c.antifibrotic());
        put(values, "baseline_psl_mg", decimal(c.baselinePslMg()));
        put(values, "prior_jaki", c.priorJaki());
        put(values, "prior_jaki_stop_date", c.priorJakiStopDate());
        put(values, "prior_jaki_stop_reason", c.priorJakiStopReason());
        put(values, "jaki_agent", c.jakiAgent());
        put(values, "jaki_dose_mg", decimal(c.jakiDoseMg()));
        put(values, "jaki_start_date", c.jakiStartDate());
        put(values, "mpsl_pulse", c.mpslPulse());
        put(values, "mpsl_pulse_start_date", c.mpslPulseStartDate());
        put(values, "mpsl_max_daily_dose_mg", decimal(c.mpslMaxDailyDoseMg()));
        put(values, "home_oxygen_at_discharge", c.homeOxygenAtDischarge());
        put(values, "death_date", c.deathDate());
        put(values, "last_followup_date", c.lastFollowupDate());
        return values;
    }

    private static void put(Map<String, Object> values, String name, Object value)
    {
        if (value != null) {
            values.put(name, value);
        }
    }

    private static BigDecimal decimal(Double value)
    {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    static LocalDate date(Map<String, Object> values, String name)
    {
        return values.get(name) instanceof LocalDate date ? date : null;
    }
}

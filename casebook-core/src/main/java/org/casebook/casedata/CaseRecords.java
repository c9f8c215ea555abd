package org.casebook.casedata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import org.casebook.schema.CaseSchema;

/**
 * Builds a {@link CaseRecord} from a case's values as the protocol's schema reads them: the
 * values by field name, and the named components from the fields of the same name.
 */
public final class CaseRecords
{
    private CaseRecords() {}

    public static CaseRecord of(String patientId, CaseSchema schema, Map<String, Object> values, SourceRef source)
    {
        LocalDate anchor = SeedFields.date(values, schema.anchorField());
        LocalDate onset = schema.dayZeroFallback() != null ? SeedFields.date(values, schema.dayZeroField()) : null;
        return new CaseRecord(
                patientId,
                anchor == null ? LocalDate.EPOCH : anchor,
                onset,
                SeedFields.date(values, "discharge_date"),
                number(values, "age"),
                text(values, "sex") == null ? null : Arrays.stream(Sex.values()).filter(sex -> sex.name().equalsIgnoreCase(text(values, "sex"))).findFirst().orElse(null),
                number(values, "weight_kg"),
                number(values, "bmi"),
                text(values, "smoking") == null ? null : Arrays.stream(SmokingStatus.values()).filter(status -> status.label().equalsIgnoreCase(text(values, "smoking"))).findFirst().orElse(null),
                number(values, "ra_duration_years"),
                bool(values, "rf_positive"),
                bool(values, "acpa_positive"),
                text(values, "ild_pattern") == null ? null : IldPattern.fromLabel(text(values, "ild_pattern")).orElse(null),
                bool(values, "antifibrotic"),
                number(values, "baseline_psl_mg"),
                text(values, "prior_jaki"),
                SeedFields.date(values, "prior_jaki_stop_date"),
                text(values, "prior_jaki_stop_reason"),
                text(values, "jaki_agent"),
                number(values, "jaki_dose_mg"),
                SeedFields.date(values, "jaki_start_date"),
                bool(values, "mpsl_pulse"),
                SeedFields.date(values, "mpsl_pulse_start_date"),
                number(values, "mpsl_max_daily_dose_mg"),
                bool(values, "home_oxygen_at_discharge"),
                SeedFields.date(values, "death_date"),
                SeedFields.date(values, "last_followup_date"),
                source,
                values);
    }

    private static Double number(Map<String, Object> values, String name)
    {
        Object value = values.get(name);
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Long whole) {
            return whole.doubleValue();
        }
        return null;
    }

    private static String text(Map<String, Object> values, String name)
    {
        return values.get(name) instanceof String text ? text : null;
    }

    private static Boolean bool(Map<String, Object> values, String name)
    {
        return values.get(name) instanceof Boolean yes ? yes : null;
    }
}

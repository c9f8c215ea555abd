package org.casebook.store.cases;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.IldPattern;
import org.casebook.casedata.Sex;
import org.casebook.casedata.SmokingStatus;

/**
 * The case-level fields of a case (the workbook's {@code cases} columns), each with its kind,
 * how it is stored as text and how it is read back into a {@link CaseRecord}. The stored text
 * is the workbook's own spelling: ISO dates, decimal numbers, {@code yes}/{@code no}, {@code F}/{@code M}.
 */
public enum CaseField
{
    ADMISSION_DATE("admission_date", Kind.DATE, CaseRecord::admissionDate, (b, v) -> { }),
    AE_ONSET_DATE("ae_onset_date", Kind.DATE, CaseRecord::aeOnsetDate, (b, v) -> b.aeOnsetDate((LocalDate) v)),
    DISCHARGE_DATE("discharge_date", Kind.DATE, CaseRecord::dischargeDate, (b, v) -> b.dischargeDate((LocalDate) v)),
    AGE("age", Kind.NUMBER, CaseRecord::age, (b, v) -> b.age((Double) v)),
    SEX("sex", Kind.SEX, CaseRecord::sex, (b, v) -> b.sex((Sex) v)),
    WEIGHT_KG("weight_kg", Kind.NUMBER, CaseRecord::weightKg, (b, v) -> b.weightKg((Double) v)),
    BMI("bmi", Kind.NUMBER, CaseRecord::bmi, (b, v) -> b.bmi((Double) v)),
    SMOKING("smoking", Kind.SMOKING, CaseRecord::smoking, (b, v) -> b.smoking((SmokingStatus) v)),
    RA_DURATION_YEARS("ra_duration_years", Kind.NUMBER, CaseRecord::raDurationYears, (b, v) -> b.raDurationYears((Double) v)),
    RF_POSITIVE("rf_positive", Kind.YES_NO, CaseRecord::rfPositive, (b, v) -> b.rfPositive((Boolean) v)),
    ACPA_POSITIVE("acpa_positive", Kind.YES_NO, CaseRecord::acpaPositive, (b, v) -> b.acpaPositive((Boolean) v)),
    ILD_PATTERN("ild_pattern", Kind.ILD_PATTERN, CaseRecord::ildPattern, (b, v) -> b.ildPattern((IldPattern) v)),
    ANTIFIBROTIC("antifibrotic", Kind.YES_NO, CaseRecord::antifibrotic, (b, v) -> b.antifibrotic((Boolean) v)),
    BASELINE_PSL_MG("baseline_psl_mg", Kind.NUMBER, CaseRecord::baselinePslMg, (b, v) -> b.baselinePslMg((Double) v)),
    PRIOR_JAKI("prior_jaki", Kind.AGENT, CaseRecord::priorJaki, (b, v) -> b.priorJaki((String) v)),
    PRIOR_JAKI_STOP_DATE("prior_jaki_stop_date", Kind.DATE, CaseRecord::priorJakiStopDate, (b, v) -> b.priorJakiStopDate((LocalDate) v)),
    PRIOR_JAKI_STOP_REASON("prior_jaki_stop_reason", Kind.FREE_TEXT, CaseRecord::priorJakiStopReason, (b, v) -> b.priorJakiStopReason((String) v)),
    JAKI_AGENT("jaki_agent", Kind.AGENT, CaseRecord::jakiAgent, (b, v) -> b.jakiAgent((String) v)),
    JAKI_DOSE_MG("jaki_dose_mg", Kind.NUMBER, CaseRecord::jakiDoseMg, (b, v) -> b.jakiDoseMg((Double) v)),
    JAKI_START_DATE("jaki_start_date", Kind.DATE, CaseRecord::jakiStartDate, (b, v) -> b.jakiStartDate((LocalDate) v)),
    MPSL_PULSE("mpsl_pulse", Kind.YES_NO, CaseRecord::mpslPulse, (b, v) -> b.mpslPulse((Boolean) v)),
    MPSL_PULSE_START_DATE("mpsl_pulse_start_date", Kind.DATE, CaseRecord::mpslPulseStartDate, (b, v) -> b.mpslPulseStartDate((LocalDate) v)),
    MPSL_MAX_DAILY_DOSE_MG("mpsl_max_daily_dose_mg", Kind.NUMBER, CaseRecord::mpslMaxDailyDoseMg, (b, v) -> b.mpslMaxDailyDoseMg((Double) v)),
    HOME_OXYGEN_AT_DISCHARGE("home_oxygen_at_discharge", Kind.YES_NO, CaseRecord::homeOxygenAtDischarge, (b, v) -> b.homeOxygenAtDischarge((Boolean) v)),
    DEATH_DATE("death_date", Kind.DATE, CaseRecord::deathDate, (b, v) -> b.deathDate((LocalDate) v)),
    LAST_FOLLOWUP_DATE("last_followup_date", Kind.DATE, CaseRecord::lastFollowupDate, (b, v) -> b.lastFollowupDate((LocalDate) v));

    /** How a field's text is checked; FREE_TEXT is dropped from de-identified exports. */
    public enum Kind
    {
        DATE, NUMBER, YES_NO, SEX, SMOKING, ILD_PATTERN, AGENT, FREE_TEXT
    }

    private final String column;
    private final Kind kind;
    private final Function<CaseRecord, Object> getter;
    private final BiConsumer<CaseRecordBuilder, Object> setter;

    CaseField(String column, Kind kind, Function<CaseRecord, Object> getter, BiConsumer<CaseRecordBuilder, Object> setter)
    {
        this.column = column;
        this.kind = kind;
        this.getter = getter;
        this.setter = setter;
    }

    public String column()
    {
        return column;
    }

    public Kind kind()
    {
        return kind;
    }

    public static Optional<CaseField> fromColumn(String column)
    {
        return Arrays.stream(values()).filter(field -> field.column.equals(column)).findFirst();
    }

    /** The stored text of this field of {@code record}, empty when not recorded. */
    public Optional<String> textOf(CaseRecord record)
    {
        Object value = getter.apply(record);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case DATE, AGENT, FREE_TEXT, SEX -> value.toString();
            case NUMBER -> formatNumber((Double) value);
            case YES_NO -> ((Boolean) value) ? "yes" : "no";
            case SMOKING -> ((SmokingStatus) value).label();
            case ILD_PATTERN -> ((IldPattern) value).label();
        });
    }

    /** Sets this field on {@code builder} from its stored text. */
    public void apply(CaseRecordBuilder builder, String text)
    {
        setter.accept(builder, parse(text));
    }

    /**
     * Parses and checks a value typed by a user or read from the database.
     *
     * @throws IllegalArgumentException naming the field, the value and what was expected
     */
    public Object parse(String text)
    {
        String value = text.strip();
        try {
            return switch (kind) {
                case DATE -> LocalDate.parse(value);
                case NUMBER -> parseNumber(value);
                case YES_NO -> parseYesNo(value);
                case SEX -> Sex.valueOf(value.toUpperCase(Locale.ROOT));
                case SMOKING -> SmokingStatus.valueOf(value.toUpperCase(Locale.ROOT));
                case ILD_PATTERN -> IldPattern.fromLabel(value).orElseThrow(() -> new IllegalArgumentException("unknown"));
                case AGENT, FREE_TEXT -> value;
            };
        }
        catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": '" + value + "': expected " + expected());
        }
    }

    public String expected()
    {
        return switch (kind) {
            case DATE -> "a date yyyy-mm-dd";
            case NUMBER -> "a number ≥ 0";
            case YES_NO -> "yes or no";
            case SEX -> "F or M";
            case SMOKING -> "never, former or current";
            case ILD_PATTERN -> "one of " + List.of(IldPattern.values()).stream().map(IldPattern::label).toList();
            case AGENT, FREE_TEXT -> "text";
        };
    }

    /**
     * The values a category field accepts (any case), as the page offers and checks them as you
     * type; empty for dates, numbers and text.
     */
    public List<String> allowedValues()
    {
        return switch (kind) {
            case YES_NO -> List.of("yes", "no");
            case SEX -> Arrays.stream(Sex.values()).map(Sex::name).toList();
            case SMOKING -> Arrays.stream(SmokingStatus.values()).map(SmokingStatus::label).toList();
            case ILD_PATTERN -> Arrays.stream(IldPattern.values()).map(IldPattern::label).toList();
            case DATE, NUMBER, AGENT, FREE_TEXT -> List.of();
        };
    }

    private static Double parseNumber(String value)
    {
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number) || number < 0) {
            throw new IllegalArgumentException(value);
        }
        return number;
    }

    private static Boolean parseYesNo(String value)
    {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    static String formatNumber(double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}

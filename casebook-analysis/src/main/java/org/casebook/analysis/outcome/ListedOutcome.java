package org.casebook.analysis.outcome;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.numbers.fraction.BigFraction;
import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.PatientValues;
import org.casebook.protocol.OutcomeDefinitions;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;

import static java.util.Objects.requireNonNull;

/**
 * One outcome of a protocol's {@code outcomes.list}, decided per patient in decimal arithmetic:
 * <ul>
 * <li>{@code change}: the variable moved in the direction from one time point to the other, by
 * more than 0, or by at least {@code by_at_least} units, or by at least {@code by_at_least_percent}
 * of the from value (judged only for a from value above 0; otherwise not met). Decided when both
 * values exist.</li>
 * <li>{@code status_at_day}: the status at the day ({@link VitalStatus}, alive unless the protocol
 * says died or censored); alive and died are decided unless censored, censored for everyone.</li>
 * <li>{@code proportion}: the yes/no field is yes; decided when recorded. With {@code or_at_least},
 * a blank answer is decided by the numeric field at or above the threshold, when that is recorded.</li>
 * <li>{@code at_least}: the numeric field is at least the threshold; decided when recorded.</li>
 * <li>{@code event_by_day}: a patient whose {@code no_when} field holds its value is not met; else
 * decided when the event field is recorded (not the event: not met) and, for the event, its date
 * (met when on or before the day after day 0).</li>
 * </ul>
 *
 * @param description the rule in words: the protocol's {@code description}, or one made from its
 *        labels, units and thresholds
 */
public record ListedOutcome(OutcomeSpec spec, String description, OutcomeDefinitions outcomes)
        implements OutcomeRule
{

    public ListedOutcome
    {
        requireNonNull(spec, "spec is null");
        requireNonNull(description, "description is null");
    }

    /** The outcome with its rule described in the protocol's words. */
    public static ListedOutcome of(OutcomeSpec spec, StudyProtocol protocol)
    {
        return new ListedOutcome(spec, spec.description() != null ? spec.description() : describe(spec, protocol), protocol.outcomes());
    }

    @Override
    public String name()
    {
        return spec.name();
    }

    @Override
    public String label()
    {
        // an outcome listed without a label is shown by its description, else by its rule in words: never by its name
        if (spec.label().equals(spec.name())) {
            return Character.toUpperCase(description.charAt(0)) + description.substring(1);
        }
        return spec.label();
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        return switch (spec.kind()) {
            case "change" -> change(patient);
            case "status_at_day" -> statusAtDay(patient);
            case "proportion" -> proportion(patient);
            case "at_least" -> decimal(patient.record().values().get(spec.field())).map(value -> value.compareTo(spec.threshold()) >= 0);
            case "event_by_day" -> event(patient);
            default -> throw new IllegalStateException("unknown outcome kind " + spec.kind());
        };
    }

    /**
     * {@code event_by_day} with a {@code days_summary}: day 0 − the event's date, for a patient the
     * outcome counts; empty otherwise.
     */
    public Optional<Long> daysToDayZero(PatientValues patient)
    {
        if (!spec.kind().equals("event_by_day") || !event(patient).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(ChronoUnit.DAYS.between((LocalDate) patient.record().values().get(spec.date()), patient.record().dayZero()));
    }

    private Optional<Boolean> proportion(PatientValues patient)
    {
        Map<String, Object> values = patient.record().values();
        if (values.get(spec.field()) instanceof Boolean yes) {
            return Optional.of(yes);
        }
        if (spec.orAtLeast() == null) {
            return Optional.empty();
        }
        return decimal(values.get(spec.orAtLeast().field())).map(value -> value.compareTo(spec.orAtLeast().threshold()) >= 0);
    }

    private Optional<Boolean> event(PatientValues patient)
    {
        Map<String, Object> values = patient.record().values();
        if (spec.noWhen() != null && same(values.get(spec.noWhen().field()), spec.noWhen().value())) {
            return Optional.of(false);
        }
        Object event = values.get(spec.field());
        if (event == null) {
            return Optional.empty();
        }
        if (!same(event, spec.equalsValue())) {
            return Optional.of(false);
        }
        if (!(values.get(spec.date()) instanceof LocalDate date)) {
            return Optional.empty();
        }
        return Optional.of(!date.isAfter(patient.record().dayZero().plusDays(spec.day())));
    }

    /** A recorded text equals the protocol's value, ignoring case and surrounding spaces. */
    private static boolean same(Object recorded, String value)
    {
        return recorded instanceof String text && text.strip().toLowerCase(Locale.ROOT).equals(value.strip().toLowerCase(Locale.ROOT));
    }

    private Optional<Boolean> change(PatientValues patient)
    {
        // exact values: a CT score is a fraction (1300/6 → 1170/6 is a fall of exactly 10%), a measurement the decimal written
        Optional<BigFraction> from = patient.findExact(spec.from(), spec.variable());
        Optional<BigFraction> to = patient.findExact(spec.to(), spec.variable());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        BigFraction moved = spec.direction().equals("increased") ? to.get().subtract(from.get()) : from.get().subtract(to.get());
        if (spec.byAtLeast() != null) {
            return Optional.of(moved.compareTo(PatientValues.fraction(spec.byAtLeast())) >= 0);
        }
        if (spec.byAtLeastPercent() != null) {
            // moved/from ≥ p/100  ⇔  100·moved ≥ p·from, for from > 0: no rounded division
            return Optional.of(from.get().signum() > 0 && moved.multiply(100).compareTo(PatientValues.fraction(spec.byAtLeastPercent()).multiply(from.get())) >= 0);
        }
        return Optional.of(moved.signum() > 0);
    }

    private Optional<Boolean> statusAtDay(PatientValues patient)
    {
        return new VitalStatusAt(status(spec), spec.day(), outcomes).decide(patient);
    }

    private static VitalStatus status(OutcomeSpec spec)
    {
        return VitalStatus.valueOf(spec.status().toUpperCase(Locale.ROOT));
    }

    private static Optional<BigDecimal> decimal(Object value)
    {
        if (value instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        if (value instanceof Long whole) {
            return Optional.of(BigDecimal.valueOf(whole));
        }
        return Optional.empty();
    }

    static String describe(OutcomeSpec spec, StudyProtocol protocol)
    {
        return switch (spec.kind()) {
            case "change" -> {
                String unit = spec.variable().equals(CaseSeriesAnalysis.CT_TOTAL) ? "points"
                        : protocol.findVariable(spec.variable()).map(VariableSpec::unit).orElse("");
                String variable = spec.variable().equals(CaseSeriesAnalysis.CT_TOTAL) ? "CT total"
                        : protocol.findVariable(spec.variable()).map(VariableSpec::label).orElse(spec.variable());
                String from = timepoint(protocol, spec.from());
                String rule = variable + ", " + from + " → " + timepoint(protocol, spec.to()) + ": " + spec.direction();
                if (spec.byAtLeast() != null) {
                    rule += " by ≥ " + plain(spec.byAtLeast()) + (unit.isBlank() || unit.equals("fraction") ? "" : " " + unit);
                }
                else if (spec.byAtLeastPercent() != null) {
                    rule += " by ≥ " + plain(spec.byAtLeastPercent()) + "% of the " + from + " value";
                }
                yield rule;
            }
            case "status_at_day" -> new VitalStatusAt(status(spec), spec.day(), protocol.outcomes()).description();
            case "proportion" -> field(protocol, spec.field()).label() + ": yes" + (spec.orAtLeast() == null ? ""
                    : ", or when blank " + atLeast(field(protocol, spec.orAtLeast().field()), spec.orAtLeast().threshold()));
            case "at_least" -> atLeast(field(protocol, spec.field()), spec.threshold());
            case "event_by_day" -> field(protocol, spec.field()).label() + ": " + spec.equalsValue() + ", " + field(protocol, spec.date()).label()
                    + " on or before day " + spec.day() + (spec.noWhen() == null ? ""
                    : " (" + field(protocol, spec.noWhen().field()).label() + " " + spec.noWhen().value() + ": no)");
            default -> throw new IllegalStateException("unknown outcome kind " + spec.kind());
        };
    }

    private static String atLeast(CaseField field, BigDecimal threshold)
    {
        return field.label() + " ≥ " + plain(threshold) + (field.unit() == null || field.unit().isBlank() ? "" : " " + field.unit());
    }

    private static String timepoint(StudyProtocol protocol, String name)
    {
        return protocol.findTimepoint(name).map(TimePoint::label).orElse(name);
    }

    private static CaseField field(StudyProtocol protocol, String name)
    {
        return protocol.caseSchema().findField(name).orElseThrow(() -> new IllegalStateException("no case field " + name));
    }

    private static String plain(BigDecimal value)
    {
        return value.stripTrailingZeros().toPlainString();
    }
}

package org.casebook.analysis.outcome;

import java.math.BigDecimal;
import java.util.Optional;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.PatientValues;
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
 * <li>{@code status_at_day}: alive at the day ({@link VitalStatus}); decided unless censored.</li>
 * <li>{@code proportion}: the yes/no field is yes; decided when recorded.</li>
 * <li>{@code at_least}: the numeric field is at least the threshold; decided when recorded.</li>
 * </ul>
 *
 * @param description the rule in words, with the protocol's labels, units and thresholds
 */
public record ListedOutcome(OutcomeSpec spec, String description)
        implements OutcomeRule
{
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public ListedOutcome
    {
        requireNonNull(spec, "spec is null");
        requireNonNull(description, "description is null");
    }

    /** The outcome with its rule described in the protocol's words. */
    public static ListedOutcome of(OutcomeSpec spec, StudyProtocol protocol)
    {
        return new ListedOutcome(spec, describe(spec, protocol));
    }

    @Override
    public String name()
    {
        return spec.name();
    }

    @Override
    public String label()
    {
        return spec.label();
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        return switch (spec.kind()) {
            case "change" -> change(patient);
            case "status_at_day" -> statusAtDay(patient);
            case "proportion" -> patient.record().values().get(spec.field()) instanceof Boolean yes ? Optional.of(yes) : Optional.empty();
            case "at_least" -> decimal(patient.record().values().get(spec.field())).map(value -> value.compareTo(spec.threshold()) >= 0);
            default -> throw new IllegalStateException("unknown outcome kind " + spec.kind());
        };
    }

    private Optional<Boolean> change(PatientValues patient)
    {
        Optional<BigDecimal> from = patient.findDecimal(spec.from(), spec.variable());
        Optional<BigDecimal> to = patient.findDecimal(spec.to(), spec.variable());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal moved = spec.direction().equals("increased") ? to.get().subtract(from.get()) : from.get().subtract(to.get());
        if (spec.byAtLeast() != null) {
            return Optional.of(moved.compareTo(spec.byAtLeast()) >= 0);
        }
        if (spec.byAtLeastPercent() != null) {
            // moved/from ≥ p/100  ⇔  100·moved ≥ p·from, for from > 0: no rounded division
            return Optional.of(from.get().signum() > 0 && moved.multiply(HUNDRED).compareTo(spec.byAtLeastPercent().multiply(from.get())) >= 0);
        }
        return Optional.of(moved.signum() > 0);
    }

    private Optional<Boolean> statusAtDay(PatientValues patient)
    {
        VitalStatus status = VitalStatus.at(patient.record(), spec.day());
        return status == VitalStatus.CENSORED ? Optional.empty() : Optional.of(status == VitalStatus.ALIVE);
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
            case "status_at_day" -> "alive at day " + spec.day() + " (no death by then, followed up to it)";
            case "proportion" -> field(protocol, spec.field()).label() + ": yes";
            case "at_least" -> {
                CaseField field = field(protocol, spec.field());
                yield field.label() + " ≥ " + plain(spec.threshold()) + (field.unit() == null || field.unit().isBlank() ? "" : " " + field.unit());
            }
            default -> throw new IllegalStateException("unknown outcome kind " + spec.kind());
        };
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

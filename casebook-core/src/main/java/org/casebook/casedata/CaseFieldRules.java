package org.casebook.casedata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetEntry;
import org.casebook.protocol.StudyProtocol;

import static java.util.Objects.requireNonNull;

/**
 * The one set of rules for a case's case-level fields, applied by the workbook importer to every
 * row and by the web app to every edit (on the case as it would be after the edit), so that
 * what import refuses an edit refuses too: numbers within a plausible range, discharge not
 * before admission, agents from the protocol's JAK-inhibitor code set, free text no longer than
 * the database keeps.
 */
public final class CaseFieldRules
{
    /** The code set whose {@code agent} names are the only values agent fields accept. */
    public static final String AGENT_CODE_SET = "jak-inhibitors";
    /** What {@code prior_jaki} holds for a patient who had no JAK inhibitor before. */
    public static final String NO_PRIOR_AGENT = "none";
    /** Case values are stored in a VARCHAR(1000) column (migration V1). */
    public static final int MAX_TEXT_LENGTH = 1000;

    /** A plausible range, both ends inclusive; wide enough for any adult, narrow enough to catch typos (age 300). */
    private record Range(double min, double max, String unit) {}

    private static final Map<String, Range> RANGES = Map.of(
            "age", new Range(0, 120, "years"),
            "weight_kg", new Range(1, 500, "kg"),
            "bmi", new Range(5, 100, "kg/m²"),
            "ra_duration_years", new Range(0, 100, "years"),
            "baseline_psl_mg", new Range(0, 1000, "mg/day"),
            "jaki_dose_mg", new Range(0, 1000, "mg/day"),
            "mpsl_max_daily_dose_mg", new Range(0, 5000, "mg/day"));

    private static final Map<String, Function<CaseRecord, Double>> NUMBERS = Map.of(
            "age", CaseRecord::age,
            "weight_kg", CaseRecord::weightKg,
            "bmi", CaseRecord::bmi,
            "ra_duration_years", CaseRecord::raDurationYears,
            "baseline_psl_mg", CaseRecord::baselinePslMg,
            "jaki_dose_mg", CaseRecord::jakiDoseMg,
            "mpsl_max_daily_dose_mg", CaseRecord::mpslMaxDailyDoseMg);

    /**
     * One broken rule.
     *
     * @param column the column the message is about
     * @param value the offending value as text
     * @param involves every column the rule reads (a date-order rule reads two)
     * @param detail what is wrong, without the column
     */
    public record Problem(String column, String value, Set<String> involves, String detail)
    {
        /** The problem with its column, as an edit's field error shows it. */
        public String message()
        {
            return column + ": " + detail;
        }
    }

    private final Set<String> agents;

    private CaseFieldRules(Set<String> agents)
    {
        this.agents = Set.copyOf(agents);
    }

    /** The rules of {@code protocol}: its agents are those named by its {@value #AGENT_CODE_SET} code set. */
    public static CaseFieldRules of(StudyProtocol protocol)
    {
        requireNonNull(protocol, "protocol is null");
        return new CaseFieldRules(agentsOf(protocol.findCodeSet(AGENT_CODE_SET).map(CodeSet::entries).orElse(List.of())));
    }

    private static Set<String> agentsOf(Collection<CodeSetEntry> entries)
    {
        Set<String> agents = new TreeSet<>();
        entries.forEach(entry -> entry.findAgent().ifPresent(agent -> agents.add(agent.toLowerCase(Locale.ROOT))));
        return agents;
    }

    /** The agents an agent field accepts, lower case, sorted. */
    public List<String> agents()
    {
        return List.copyOf(new TreeSet<>(agents));
    }

    /** Whether {@code text} (any case) is an agent of the code set. */
    public boolean isAgent(String text)
    {
        return text != null && agents.contains(text.strip().toLowerCase(Locale.ROOT));
    }

    /** Every rule {@code record} breaks, in column order. */
    public List<Problem> problems(CaseRecord record)
    {
        List<Problem> problems = new ArrayList<>();
        NUMBERS.keySet().stream().sorted().forEach(column -> {
            Double value = NUMBERS.get(column).apply(record);
            Range range = RANGES.get(column);
            if (value != null && (value < range.min() || value > range.max())) {
                problems.add(new Problem(column, format(value), Set.of(column), format(value) + " " + range.unit()
                        + " is outside the plausible range " + format(range.min()) + "–" + format(range.max()) + " " + range.unit()));
            }
        });
        LocalDate admission = record.admissionDate();
        LocalDate discharge = record.dischargeDate();
        if (admission != null && discharge != null && discharge.isBefore(admission)) {
            problems.add(new Problem("discharge_date", discharge.toString(), Set.of("admission_date", "discharge_date"),
                    "discharge date is before the admission date " + admission));
        }
        agentProblem("prior_jaki", record.priorJaki(), true).ifPresent(problems::add);
        agentProblem("jaki_agent", record.jakiAgent(), false).ifPresent(problems::add);
        String reason = record.priorJakiStopReason();
        if (reason != null && reason.length() > MAX_TEXT_LENGTH) {
            problems.add(new Problem("prior_jaki_stop_reason", reason.substring(0, 40) + "…", Set.of("prior_jaki_stop_reason"),
                    reason.length() + " characters; at most " + MAX_TEXT_LENGTH));
        }
        return problems;
    }

    private java.util.Optional<Problem> agentProblem(String column, String value, boolean noneAllowed)
    {
        if (value == null || isAgent(value) || (noneAllowed && value.strip().equalsIgnoreCase(NO_PRIOR_AGENT))) {
            return java.util.Optional.empty();
        }
        String allowed = agents.isEmpty()
                ? "an agent, but the protocol has no " + AGENT_CODE_SET + " code set naming agents"
                : "one of the " + AGENT_CODE_SET + " code set's agents: " + String.join(", ", agents()) + (noneAllowed ? " (or none)" : "");
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return java.util.Optional.of(new Problem(column, shown, Set.of(column), "'" + shown + "': expected " + allowed));
    }

    private static String format(double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}

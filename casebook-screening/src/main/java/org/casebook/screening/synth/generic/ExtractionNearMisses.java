package org.casebook.screening.synth.generic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.VariableSpec;
import org.casebook.screening.synth.generic.Variant.Change;

/**
 * The extraction near misses of an eligible patient's timeline (docs/screening.md, "Synthetic
 * hospital for any protocol"): for one {@code extract} search, records on each side of each edge
 * of its window and records its filters refuse, each with the value that would win, named in
 * {@link PlantedRecord#note}; each kept only when it leaves the patient's screening as planted.
 */
final class ExtractionNearMisses
{
    private final Timeline timeline;
    private final SplittableRandom random;

    ExtractionNearMisses(Timeline timeline, SplittableRandom random)
    {
        this.timeline = timeline;
        this.random = random;
    }

    /**
     * Records that must not be taken, each with the value that would win: a day before and after
     * the window, the time-zone edges written with their offsets (inside on the first and last day,
     * outside the day before and after), records that do not count (entered in error, a status not
     * counted, refuted, a code not in the set, a record type, modality, value or dose the filters
     * refuse), another of the record's dates in the window but not the one the rule judges; for
     * variables an implausible value and units not accepted; and ties the earlier record wins. For
     * {@code any_of}, each search gets its own.
     */
    void plant(ExtractRule rule, VariableSpec variable, LocalDate anchor, LocalDate first, LocalDate last)
    {
        LocalDate target = switch (rule.pick()) {
            case "last" -> last;
            case "nearest" -> timeline.clamp(anchor.plusDays(rule.nearestDay()), first, last);
            default -> first;
        };
        BigDecimal winning = variable == null ? null : timeline.winningValue(rule, variable);
        // a window ending at discharge (no `to`) has its last day at the stay's end only
        boolean lastBound = rule.duringAdmission() || rule.window().to() != null || !rule.anchor().equals("discharge");
        for (ExtractRule search : rule.anyOf().isEmpty() ? List.of(rule) : rule.anyOf()) {
            nearMiss(rule, search, variable, first.minusDays(1), timeline.time(Change.NONE), winning, Change.NONE, "outside_before");
            nearMiss(rule, search, variable, first, Timeline.EAST_EARLY, winning, Change.NONE, "tz_first_day");
            nearMiss(rule, search, variable, first.minusDays(1), Timeline.WEST_LATE, winning, Change.NONE, "tz_day_before");
            if (lastBound) {
                nearMiss(rule, search, variable, last.plusDays(1), timeline.time(Change.NONE), winning, Change.NONE, "outside_after");
                nearMiss(rule, search, variable, last, Timeline.WEST_LATE, winning, Change.NONE, "tz_last_day");
                nearMiss(rule, search, variable, last.plusDays(1), Timeline.EAST_EARLY, winning, Change.NONE, "tz_day_after");
            }
            int before = timeline.records.size();
            PlantedRecord notCounting = timeline.plantValue(rule, search, variable, target, "07:00:00" + Timeline.OFFSET, winning, Change.NONE, "not_counting");
            notCounting.status = "entered-in-error";
            timeline.settle(before);
            EligibilityCriterion like = Timeline.like(search);
            for (Change change : NearMisses.recordChanges(like)) {
                nearMiss(rule, search, variable, target, "07:05:00" + Timeline.OFFSET, winning, change, NearMisses.slug(change));
            }
            otherDateNearMisses(rule, search, variable, target, first, last, winning);
        }
        if (variable != null) {
            BigDecimal implausible = BigDecimal.valueOf(variable.max()).add(BigDecimal.valueOf(variable.max() - variable.min())).add(BigDecimal.ONE)
                    .setScale(1, RoundingMode.HALF_UP);
            int before = timeline.records.size();
            PlantedRecord outOfRange = timeline.plantValue(rule, variable, target, "07:10:00" + Timeline.OFFSET, null, "implausible");
            timeline.writeValue(outOfRange, rule, variable, implausible, false);
            timeline.settle(before);
            before = timeline.records.size();
            PlantedRecord otherUnit = timeline.plantValue(rule, variable, target, "07:20:00" + Timeline.OFFSET, winning, "unit_not_accepted");
            Timeline.setUnit(otherUnit, "furlong");
            timeline.settle(before);
            // a unit the variable accepts but the rule's own units do not
            notInRuleUnits(rule, variable).ifPresent(unit -> {
                int start = timeline.records.size();
                PlantedRecord record = timeline.plantValue(rule, variable, target, "07:30:00" + Timeline.OFFSET, winning, "unit_not_in_rule_units");
                Timeline.setUnit(record, unit);
                timeline.settle(start);
            });
        }
        // ties: two records the pick cannot tell apart but by time or day; the earlier wins
        switch (rule.pick()) {
            case "nearest" -> {
                LocalDate before = target.minusDays(1);
                LocalDate after = target.plusDays(1);
                if (!before.isBefore(first) && !after.isAfter(last)) {
                    nearMiss(rule, null, variable, before, timeline.time(Change.NONE), winning, Change.NONE, "tie_nearest_earlier");
                    nearMiss(rule, null, variable, after, timeline.time(Change.NONE), winning, Change.NONE, "tie_nearest_later");
                }
            }
            case "lowest", "highest" -> {
                if (variable != null) {
                    nearMiss(rule, null, variable, timeline.between(first, last), "08:00:00" + Timeline.OFFSET, winning, Change.NONE, "tie_value");
                    nearMiss(rule, null, variable, timeline.between(first, last), "09:00:00" + Timeline.OFFSET, winning, Change.NONE, "tie_value");
                }
            }
            default -> {
                nearMiss(rule, null, variable, target, "08:00:00" + Timeline.OFFSET, winning, Change.NONE, "tie_same_day");
                nearMiss(rule, null, variable, target, "14:00:00" + Timeline.OFFSET, winning, Change.NONE, "tie_same_day");
            }
        }
    }

    /** One near-miss record of a search, kept only when it leaves the patient's screening as planted. */
    private void nearMiss(ExtractRule rule, ExtractRule search, VariableSpec variable, LocalDate day, String time, BigDecimal value, Change change, String note)
    {
        int before = timeline.records.size();
        timeline.plantValue(rule, search, variable, day, time, value, change, note);
        timeline.settle(before);
    }

    /**
     * With {@code record_date: end} or {@code recorded}: a record whose start is on the target day
     * but whose judged date is after the window (and a medication without an end); with the default
     * start date: a record starting before the window whose end or recorded date is in it.
     */
    private void otherDateNearMisses(ExtractRule rule, ExtractRule search, VariableSpec variable, LocalDate target, LocalDate first, LocalDate last, BigDecimal winning)
    {
        String kind = search.kind();
        if (!kind.equals("medication") && !kind.equals("condition")) {
            return;
        }
        int before = timeline.records.size();
        PlantedRecord record = timeline.plantValue(rule, search, variable, target, timeline.time(Change.NONE), winning, Change.NONE, "judged_date_outside");
        switch (search.recordDate()) {
            case "end" -> {
                record.day = first.minusDays(random.nextInt(1, 20));
                record.endDay = last.plusDays(random.nextInt(1, 20));
                record.endTime = null;
                if (kind.equals("medication")) {
                    timeline.settle(before);
                    before = timeline.records.size();
                    PlantedRecord open = timeline.plantValue(rule, search, variable, target, timeline.time(Change.NONE), winning, Change.NONE, "no_end");
                    open.day = target;
                    open.endDay = null;
                    open.endTime = null;
                }
            }
            case "recorded" -> {
                record.day = first.minusDays(random.nextInt(1, 20));
                record.recordedDay = last.plusDays(random.nextInt(1, 20));
                record.recordedTime = null;
            }
            default -> {
                // starts the day before the window; its end or recorded date is inside it
                record.day = first.minusDays(1);
                if (kind.equals("medication")) {
                    record.endDay = target;
                    record.endTime = null;
                }
                else {
                    record.recordedDay = target;
                    record.recordedTime = null;
                }
            }
        }
        timeline.settle(before);
    }

    /** For a last_record_date rule: a late record of a kind it does not list (not counted) and a late record of a kind it lists that does not count (still counted). */
    void lastRecord(ExtractRule rule)
    {
        List<String> kinds = rule.kinds();
        if (kinds.isEmpty()) {
            return;
        }
        List<String> plantable = List.of("encounter", "condition", "medication", "observation", "procedure", "device_request", "imaging_study");
        LocalDate late = timeline.dayZero.plusDays(random.nextInt(800, 900));
        plantable.stream().filter(kind -> !kinds.contains(kind)).findFirst().ifPresent(kind -> {
            int before = timeline.records.size();
            PlantedRecord record = timeline.criterionRecord(Timeline.like(kind), late.plusDays(1), timeline.time(Change.NONE), Change.NONE);
            record.note = "last_record_kind_not_listed";
            record.rule = rule.target();
            timeline.add(record);
            timeline.settle(before);
        });
        plantable.stream().filter(kinds::contains).findFirst().ifPresent(kind -> {
            int before = timeline.records.size();
            PlantedRecord record = timeline.criterionRecord(Timeline.like(kind), late, timeline.time(Change.NONE), Change.NONE);
            record.status = kind.equals("encounter") ? "cancelled" : kind.equals("condition") ? "refuted" : "entered-in-error";
            record.note = "last_record_not_counting";
            record.rule = rule.target();
            timeline.add(record);
            timeline.settle(before);
        });
    }

    /** A unit the variable accepts (its canonical unit or one of its units) that the rule's own {@code units} leave out. */
    private static Optional<String> notInRuleUnits(ExtractRule rule, VariableSpec variable)
    {
        if (rule.units() == null) {
            return Optional.empty();
        }
        List<String> accepted = new ArrayList<>(List.of(variable.unit()));
        variable.unitFactors().keySet().stream().sorted().forEach(accepted::add);
        return accepted.stream()
                .filter(unit -> !unit.isBlank() && variable.findFactor(unit).map(factor -> factor == 1.0).orElse(unit.equalsIgnoreCase(variable.unit())))
                .filter(unit -> rule.units().keySet().stream().noneMatch(key -> key.strip().equalsIgnoreCase(unit.strip())))
                .findFirst();
    }
}

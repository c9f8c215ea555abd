package org.casebook.screening.synth.generic;

import java.util.ArrayList;
import java.util.List;

import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.synth.generic.Variant.Change;

/**
 * The near-miss catalogue of a protocol: for each criterion, the changes that make a patient miss
 * it by the smallest step on each side of each edge (docs/screening.md, "Synthetic hospital for
 * any protocol"). A miss of the index event leaves the patient out of the log; a miss of an
 * inclusion criterion excludes with that criterion's id; an exclusion's records present exclude,
 * and each near miss of them (a day outside, not counting, another code) is included.
 */
final class NearMisses
{
    private NearMisses() {}

    static List<Variant> of(StudyProtocol protocol)
    {
        List<Variant> variants = new ArrayList<>();
        for (EligibilityCriterion criterion : protocol.eligibility()) {
            if (criterion.isIndexEvent()) {
                index(criterion, variants);
            }
            else if (criterion.exclusion()) {
                exclusion(criterion, variants);
            }
            else {
                inclusion(criterion, variants);
            }
        }
        return List.copyOf(variants);
    }

    private static void index(EligibilityCriterion criterion, List<Variant> variants)
    {
        String id = criterion.id();
        variants.add(miss(id, Change.DAY_BEFORE, "absent"));
        variants.add(miss(id, Change.DAY_AFTER, "absent"));
        variants.add(hit(id, Change.TZ_FIRST_DAY));
        variants.add(hit(id, Change.TZ_LAST_DAY));
        variants.add(miss(id, Change.TZ_DAY_BEFORE, "absent"));
        variants.add(miss(id, Change.TZ_DAY_AFTER, "absent"));
        for (Change change : recordChanges(criterion)) {
            variants.add(miss(id, change, "absent"));
        }
        if (criterion.firstRecord()) {
            variants.add(miss(id, Change.EARLIER_RECORD, "absent"));
        }
    }

    private static void inclusion(EligibilityCriterion criterion, List<Variant> variants)
    {
        String id = criterion.id();
        if (hasFirstDay(criterion)) {
            variants.add(miss(id, Change.DAY_BEFORE, "excluded"));
        }
        if (hasLastDay(criterion)) {
            variants.add(miss(id, Change.DAY_AFTER, "excluded"));
            variants.add(hit(id, Change.TZ_LAST_DAY));
            variants.add(miss(id, Change.TZ_DAY_AFTER, "excluded"));
        }
        for (Change change : recordChanges(criterion)) {
            variants.add(miss(id, change, "excluded"));
        }
        if (criterion.minCount() > 1) {
            variants.add(miss(id, Change.MIN_COUNT_SHORT, "excluded"));
        }
    }

    private static void exclusion(EligibilityCriterion criterion, List<Variant> variants)
    {
        String id = criterion.id();
        variants.add(new Variant(id + "_present", id, Change.PRESENT, "excluded", id));
        if (hasFirstDay(criterion)) {
            variants.add(hit(id, Change.DAY_BEFORE));
        }
        if (hasLastDay(criterion)) {
            variants.add(hit(id, Change.DAY_AFTER));
            variants.add(new Variant(id + "_" + slug(Change.TZ_LAST_DAY), id, Change.TZ_LAST_DAY, "excluded", id));
            variants.add(hit(id, Change.TZ_DAY_AFTER));
        }
        for (Change change : recordChanges(criterion)) {
            variants.add(hit(id, change));
        }
        if (criterion.minCount() > 1) {
            variants.add(hit(id, Change.MIN_COUNT_SHORT));
        }
    }

    /** The changes to a record's content (not its day) that make it not count for this criterion. */
    static List<Change> recordChanges(EligibilityCriterion criterion)
    {
        List<Change> changes = new ArrayList<>();
        if (criterion.codeSet() != null) {
            changes.add(Change.CODE_NOT_IN_SET);
        }
        switch (criterion.kind()) {
            case "condition" -> {
                changes.add(Change.REFUTED);
                changes.add(Change.ENTERED_IN_ERROR);
            }
            case "encounter" -> {
                changes.add(Change.STATUS_NOT_COUNTED);
                if (!criterion.encounterClasses().isEmpty()) {
                    changes.add(Change.CLASS_NOT_COUNTED);
                }
            }
            case "medication" -> {
                changes.add(Change.STATUS_NOT_COUNTED);
                if (!criterion.filter().recordTypes().isEmpty() && criterion.filter().recordTypes().size() < 3) {
                    changes.add(Change.RECORD_TYPE_NOT_COUNTED);
                }
                if (criterion.filter().dose() != null) {
                    changes.add(Change.DOSE_FAILS);
                    if (ReferenceScreening.MASS_EXPONENTS.containsKey(criterion.filter().dose().unit().strip().toLowerCase(java.util.Locale.ROOT))) {
                        changes.add(Change.DOSE_NOT_MASS);
                    }
                    changes.add(Change.NO_DOSE);
                }
            }
            case "observation" -> {
                changes.add(Change.STATUS_NOT_COUNTED);
                if (criterion.filter().comparator() != null) {
                    changes.add(Change.VALUE_FAILS);
                    if (criterion.filter().unit() != null) {
                        changes.add(Change.VALUE_OTHER_UNIT);
                    }
                }
                if (criterion.filter().valueCodeSet() != null) {
                    changes.add(Change.VALUE_CODE_NOT_IN_SET);
                }
            }
            case "imaging_study" -> {
                changes.add(Change.STATUS_NOT_COUNTED);
                if (!criterion.filter().modalities().isEmpty()) {
                    changes.add(Change.MODALITY_NOT_LISTED);
                }
            }
            default -> changes.add(Change.STATUS_NOT_COUNTED);
        }
        return changes;
    }

    /** Whether the criterion's timing has a first allowed day (on or before the index has none). */
    static boolean hasFirstDay(EligibilityCriterion criterion)
    {
        return !criterion.timing().equals("on_or_before_admission");
    }

    /** Whether the criterion's timing has a last allowed day (a relative timing without to_days has none). */
    static boolean hasLastDay(EligibilityCriterion criterion)
    {
        return !criterion.timing().equals("relative") || criterion.window().to() != null;
    }

    private static Variant miss(String criterion, Change change, String outcome)
    {
        return new Variant(criterion + "_" + slug(change), criterion, change, outcome, criterion);
    }

    private static Variant hit(String criterion, Change change)
    {
        return new Variant(criterion + "_" + slug(change), criterion, change, "included", null);
    }

    static String slug(Change change)
    {
        return change.name().toLowerCase(java.util.Locale.ROOT);
    }
}

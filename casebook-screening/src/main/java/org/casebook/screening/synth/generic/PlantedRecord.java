package org.casebook.screening.synth.generic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One FHIR record of a planted patient as the generator plans it, before and after it is written:
 * what screening will read from it (kind, resource type, code, day and time as written, status,
 * value, dose, class, modality) and, once written, its id, file and line. The expected screening
 * result and case values are computed from these, never from the JSON.
 */
final class PlantedRecord
{
    /** The order screening tries records in: calendar date, date-only before times, time as written, type, id. */
    static final Comparator<PlantedRecord> ORDER = Comparator.comparing((PlantedRecord record) -> record.day)
            .thenComparing(record -> record.time == null ? "" : "1" + record.time)
            .thenComparing(record -> record.resourceType)
            .thenComparing(record -> record.id);

    final String kind;
    String resourceType;
    /** The code written; null with {@code text} for a text-only concept, both null for none. */
    String system;
    String code;
    String display;
    String text;
    LocalDate day;
    /** The time of day and offset as written ({@code 09:30:00+09:00}); null for a date-only value. */
    String time;
    /** An encounter's {@code period.end}; a medication record's end ({@code effectivePeriod.end}, a request's {@code validityPeriod.end}); null: none. */
    LocalDate endDay;
    /** The end's time and offset as written; null for a date-only end. */
    String endTime;
    /** A condition's {@code recordedDate} when it differs from its onset ({@code day}); null: recorded as its onset. */
    LocalDate recordedDay;
    String recordedTime;
    String status;
    /** A medication record's one {@code statusReason} (why it was stopped): a coding and/or text; all null for none. */
    String reasonSystem;
    String reasonCode;
    String reasonDisplay;
    String reasonText;
    String encounterClass;
    BigDecimal value;
    String unit;
    String valueSystem;
    String valueCode;
    BigDecimal dose;
    String doseUnit;
    String modality;
    /** Why the record is there (a near miss's name), for reading the generator's output. */
    String note;
    /** The extract rule a near miss tests (its target, as {@code ExtractRule.target()}); null for others. */
    String rule;

    String id;
    String file;
    long line;

    PlantedRecord(String kind)
    {
        this.kind = kind;
    }

    String dateTime()
    {
        return time == null ? day.toString() : day + "T" + time;
    }

    /** The day a window judges under {@code record_date} ({@code start}, {@code end}, {@code recorded}); null when the record has no such date. */
    LocalDate judgedDay(String recordDate)
    {
        return switch (recordDate) {
            case "end" -> endDay;
            case "recorded" -> kind.equals("condition") ? (recordedDay != null ? recordedDay : day) : null;
            default -> day;
        };
    }

    /** The time written with {@link #judgedDay}; null for a date-only value. */
    String judgedTime(String recordDate)
    {
        return switch (recordDate) {
            case "end" -> endTime;
            case "recorded" -> recordedDay != null ? recordedTime : time;
            default -> time;
        };
    }

    String recordedDateTime()
    {
        if (recordedDay == null) {
            return dateTime();
        }
        return recordedTime == null ? recordedDay.toString() : recordedDay + "T" + recordedTime;
    }

    String endDateTime()
    {
        if (endDay == null) {
            return null;
        }
        return endTime == null ? endDay.toString() : endDay + "T" + endTime;
    }

    String reference()
    {
        return resourceType + "/" + id;
    }

    PlantedRecord copy()
    {
        PlantedRecord copy = new PlantedRecord(kind);
        copy.resourceType = resourceType;
        copy.system = system;
        copy.code = code;
        copy.display = display;
        copy.text = text;
        copy.day = day;
        copy.time = time;
        copy.endDay = endDay;
        copy.endTime = endTime;
        copy.recordedDay = recordedDay;
        copy.recordedTime = recordedTime;
        copy.reasonSystem = reasonSystem;
        copy.reasonCode = reasonCode;
        copy.reasonDisplay = reasonDisplay;
        copy.reasonText = reasonText;
        copy.status = status;
        copy.encounterClass = encounterClass;
        copy.value = value;
        copy.unit = unit;
        copy.valueSystem = valueSystem;
        copy.valueCode = valueCode;
        copy.dose = dose;
        copy.doseUnit = doseUnit;
        copy.modality = modality;
        copy.note = note;
        copy.rule = rule;
        return copy;
    }
}

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
    LocalDate endDay;
    String status;
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
        return copy;
    }
}

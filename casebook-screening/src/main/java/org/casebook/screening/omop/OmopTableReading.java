package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;

/**
 * The OMOP CDM reading in pieces, for an engine that reads the tables elsewhere (casebook-spark,
 * docs/spark.md): the vocabulary tables first, in one place ({@link #vocabulary}); then each table
 * that names patients, or any part of one, on its own ({@link #read}), by the same
 * {@link OmopReader} code the local engine runs; then each patient from its facts in any order
 * ({@link #patient}), ordered as the local reader orders them, so the result does not depend on
 * how the tables were cut.
 */
public final class OmopTableReading
{
    private OmopTableReading() {}

    /**
     * What one table, or one part of it, gave: its counts, its skipped.csv rows by line, each
     * patient's facts, the visit ids it read (VISIT_OCCURRENCE) and the visit ids its rows name
     * with how many rows name each (VISIT_DETAIL). Serializable, as it crosses a cluster.
     */
    public record Part(String table, GenericFlow counts, TreeMap<Long, String> skippedRows, Map<String, Facts> patients, Set<String> visits,
            Map<String, Long> visitReferences)
            implements Serializable
    {
        /** The part without its patients and visits: what the driver collects of every part. */
        public Part withoutPatients()
        {
            return new Part(table, counts, skippedRows, Map.of(), Set.of(), Map.of());
        }
    }

    /**
     * One patient's facts from one part: the PERSON row (null when the part has none), the death
     * date, the kept records in the part's line order, and the latest day of each kind written on
     * the part's rows (kept or not).
     */
    public record Facts(PersonRow person, FhirDate death, List<GenericRecord> records, Map<String, GenericPatient.Dated> latest)
            implements Serializable {}

    /** A PERSON row as screening reads it: where it is, the birth date and the gender. */
    public record PersonRow(RecordRef source, FhirDate birthDate, String gender)
            implements Serializable {}

    /** The CDM table a file holds: its lower-case table name when the file's name is a table's with a text or Parquet extension (any case). */
    public static Optional<String> tableOf(String fileName)
    {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String extension : List.of(".csv", ".tsv", ".txt", ".parquet")) {
            if (lower.endsWith(extension)) {
                String name = lower.substring(0, lower.length() - extension.length());
                if (OmopReader.REQUIRED_COLUMNS.containsKey(name) || OmopReader.OTHER_TABLES.contains(name)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the table names patients (PERSON, DEATH, the visits, the clinical tables): the others' rows are only counted. */
    public static boolean namesPatients(String table)
    {
        return OmopReader.PATIENT_TABLES.contains(table);
    }

    /** Whether the table is one of the vocabulary tables, read before the others ({@link #vocabulary}). */
    public static boolean isVocabulary(String table)
    {
        return OmopReader.VOCABULARY_TABLES.contains(table);
    }

    /**
     * The tables read after the vocabulary, in the local reader's order: those that name patients,
     * then the other CDM tables by name (their rows are counted).
     */
    public static int order(String table)
    {
        return READ_ORDER.indexOf(table);
    }

    private static final List<String> READ_ORDER = readOrder();

    private static List<String> readOrder()
    {
        List<String> tables = new ArrayList<>(OmopReader.PATIENT_TABLES);
        tables.addAll(new java.util.TreeSet<>(OmopReader.OTHER_TABLES));
        return List.copyOf(tables);
    }

    /**
     * Reads the vocabulary tables of {@code tables} (the source's, by table name) as the local
     * reader does, after checking the protocol can be screened from OMOP and the source has a
     * PERSON table: writes skipped.csv's header and their skipped rows to {@code skipped} and
     * their counts to {@code flow}.
     *
     * @throws CasebookException for an imaging criterion, a source without PERSON, or (strict) an unusable row
     */
    public static OmopDictionary vocabulary(Map<String, OmopTable> tables, String location, StudyProtocol protocol, boolean strict, Writer skipped,
            GenericFlow flow)
            throws IOException
    {
        OmopSource.refuseImagingCriteria(protocol);
        if (!tables.containsKey("person")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source " + location + " has no PERSON table (PERSON.csv or person.csv); found "
                    + (tables.isEmpty() ? "no CDM table files" : String.join(", ", tables.values().stream().map(OmopTable::file).toList())));
        }
        skipped.write("file,line,reason,detail\n");
        return new OmopReader(OmopConventions.standard(), strict, skipped, flow, record -> false, ProtocolCodings.of(protocol)).readVocabulary(tables);
    }

    /**
     * Reads one table read after the vocabulary, or one part of it, by the local reader's code.
     *
     * @param header whether the part holds the table's header line (a missing column is listed there, once)
     * @throws CasebookException (strict) at the first unusable row, naming the file and line
     */
    public static Part read(OmopDictionary dictionary, OmopTable table, boolean header, boolean strict, Predicate<GenericRecord> keep)
            throws IOException
    {
        GenericFlow counts = new GenericFlow();
        TreeMap<Long, String> skippedRows = new TreeMap<>();
        OmopReader reader = new OmopReader(OmopConventions.standard(), strict, skippedRows, counts, keep, dictionary);
        reader.readTable(table, header);
        Set<String> ids = new HashSet<>(reader.persons.keySet());
        ids.addAll(reader.records.keySet());
        ids.addAll(reader.deaths.keySet());
        ids.addAll(reader.latest.keySet());
        Map<String, Facts> patients = new HashMap<>();
        for (String id : ids) {
            OmopReader.Person person = reader.persons.get(id);
            patients.put(id, new Facts(person == null ? null : new PersonRow(person.source(), person.birthDate(), person.gender()), reader.deaths.get(id),
                    List.copyOf(reader.records.getOrDefault(id, List.of())), Map.copyOf(reader.latest.getOrDefault(id, Map.of()))));
        }
        return new Part(table.name(), counts, skippedRows, patients, Set.copyOf(reader.visits), Map.copyOf(reader.visitReferences));
    }

    /** VISIT_DETAIL rows naming a visit VISIT_OCCURRENCE does not hold, counted into {@code flow} ({@code references_missing}). */
    public static void countMissingVisits(long rows, GenericFlow flow)
    {
        for (long row = 0; row < rows; row++) {
            flow.countMissingReference("visit_occurrence");
        }
    }

    /**
     * A patient from its facts in any order, as the local reader makes it: the first PERSON row
     * (by line), the earliest death date, the records in table order and, within a table, by line.
     * Null when no part has a PERSON row or a kept record (a death alone makes no patient).
     */
    public static GenericPatient patient(String patientId, Iterable<Facts> facts)
    {
        PersonRow person = null;
        FhirDate death = null;
        List<GenericRecord> records = new ArrayList<>();
        Map<String, GenericPatient.Dated> latest = new HashMap<>();
        for (Facts part : facts) {
            // the later day; on a tie the row read first by the local reader (table order, then line)
            part.latest().forEach((kind, dated) -> latest.merge(kind, dated, (a, b) -> {
                int byDate = FhirDate.ORDER.compare(a.date(), b.date());
                return byDate != 0 ? (byDate > 0 ? a : b) : READ_FIRST.compare(a.source(), b.source()) <= 0 ? a : b;
            }));
            if (part.person() != null && (person == null || part.person().source().line() < person.source().line())) {
                person = part.person();
            }
            if (part.death() != null && (death == null || part.death().date().isBefore(death.date()))) {
                death = part.death();
            }
            records.addAll(part.records());
        }
        if (person == null && records.isEmpty()) {
            return null;
        }
        records.sort(Comparator.comparingInt((GenericRecord record) -> order(record.source().resourceType())).thenComparingLong(record -> record.source().line()));
        return new GenericPatient(patientId, person == null ? null : person.source(), person == null ? null : person.birthDate(),
                person == null ? null : person.gender(), death, records, OmopReader.withDeath(latest, death, person == null ? null : person.source()));
    }

    private static final Comparator<RecordRef> READ_FIRST = Comparator.comparingInt((RecordRef source) -> order(source.resourceType()))
            .thenComparingLong(RecordRef::line);
}

package org.casebook.screening.generic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.local.NdjsonFile;
import org.casebook.screening.local.PatientReferences;

import static java.util.Objects.requireNonNull;

/**
 * One file of a FHIR bulk export, or one range of its lines, read exactly as
 * {@link GenericExtractReader#read} reads it, for an engine that reads the files elsewhere and
 * groups patients itself (casebook-spark runs one in each Spark task). The readings are the local
 * reader's steps: Medication files; the index event's files, to find the possible candidates;
 * every other file of the types the criteria look at (and the index files again) for those
 * candidates' records; then, with a {@link GenericExtractReader.Candidates} that has the rules'
 * decision, the files of the types no criterion looks at ({@link GenericExtractReader.Candidates#forIncludedOnly})
 * for the included patients alone, once the earlier parts have decided who they are. Whoever merges
 * the parts must do so in the local reader's file order (Medication files, then the rest by name;
 * a file's ranges in byte order), with {@link #countInto} and {@link #patient}.
 */
public final class FileReading
{
    private FileReading() {}

    /**
     * What one reading of one file found; serializable, as it crosses a cluster.
     *
     * @param counts the file's counts ({@code flow.json})
     * @param skippedRows the file's skipped.csv rows by line
     * @param medications the Medication resources read (a Medication file's)
     * @param mayBeCandidates the patients with a record that may be an index event (an index reading's)
     * @param patients each patient's part of this file (a reading of the rest)
     */
    public record Part(GenericFlow counts, TreeMap<Long, String> skippedRows, Map<String, Concept> medications, Set<String> mayBeCandidates,
            Map<String, PatientPart> patients)
            implements Serializable
    {
        public Part
        {
            requireNonNull(counts, "counts is null");
            skippedRows = new TreeMap<>(skippedRows);
            medications = new HashMap<>(medications);
            mayBeCandidates = Set.copyOf(mayBeCandidates);
            patients = new HashMap<>(patients);
        }
    }

    /**
     * One patient's records in one file, in line order, the latest day on them by kind, and, when
     * the file held the patient's (first) Patient resource, its facts.
     */
    public record PatientPart(RecordRef patientSource, FhirDate birthDate, String gender, FhirDate deceased, List<GenericRecord> records,
            Map<String, GenericPatient.Dated> latest)
            implements Serializable
    {
        public PatientPart
        {
            records = List.copyOf(records);
            latest = Map.copyOf(latest);
        }
    }

    /** A Medication file: every line. */
    public static Part medications(NdjsonFile file, boolean strict, Predicate<GenericRecord> keep)
    {
        return part(new GenericExtractReader(strict, GenericExtractReader.Mode.ALL, null, null, new HashMap<>(), keep).readFile(file));
    }

    /** A file of the index event's types, first reading: the patients who may be candidates. */
    public static Part index(NdjsonFile file, boolean strict, GenericExtractReader.Candidates candidates, Map<String, Concept> medications,
            Predicate<GenericRecord> keep)
    {
        return part(new GenericExtractReader(strict, GenericExtractReader.Mode.INDEX, candidates, null, medications, keep).readFile(file));
    }

    /**
     * Any other file (and the index event's files again): the records and facts of the patients
     * named, the possible candidates (or, for a file read for the included only, the included).
     */
    public static Part rest(NdjsonFile file, boolean strict, GenericExtractReader.Candidates candidates, Set<String> candidateIds,
            Map<String, Concept> medications, Predicate<GenericRecord> keep)
    {
        String type = file.typeName();
        GenericExtractReader.Mode mode = type.equals("Patient") || !GenericExtractReader.KINDS.containsKey(type) ? GenericExtractReader.Mode.ALL
                : candidates.types().contains(type) ? GenericExtractReader.Mode.QUIET : GenericExtractReader.Mode.FILTERED;
        return part(new GenericExtractReader(strict, mode, candidates, new PatientReferences.IdSet(candidateIds), medications, keep).readFile(file));
    }

    private static Part part(GenericExtractReader reader)
    {
        return new Part(reader.counted, reader.skippedRows, reader.medications, reader.mayBeCandidates, take(reader));
    }

    /** Each patient's part of what the reader read so far, by patient id; the reader is emptied of them (its counts stay). */
    static TreeMap<String, PatientPart> take(GenericExtractReader reader)
    {
        TreeMap<String, PatientPart> patients = new TreeMap<>();
        Set<String> ids = new java.util.HashSet<>(reader.records.keySet());
        ids.addAll(reader.patients.keySet());
        ids.addAll(reader.latest.keySet());
        for (String id : ids) {
            JsonNode patient = reader.patients.get(id);
            patients.put(id, new PatientPart(reader.patientSources.get(id),
                    patient == null ? null : Json.date(patient, "birthDate"),
                    patient == null ? null : Json.text(patient, "gender"),
                    patient == null ? null : Json.date(patient, "deceasedDateTime"),
                    reader.records.getOrDefault(id, List.of()),
                    reader.latest.getOrDefault(id, Map.of())));
        }
        reader.records.clear();
        reader.patients.clear();
        reader.patientSources.clear();
        reader.latest.clear();
        return patients;
    }

    /** Adds a part's counts to the run's ({@code flow.json}); after the last, {@link #finish}. */
    public static void countInto(Part part, GenericFlow total)
    {
        GenericFlow counted = part.counts();
        total.patientsInExtract += counted.patientsInExtract;
        counted.resourcesRead.forEach((key, count) -> total.resourcesRead.merge(key, count, Long::sum));
        counted.resourcesIgnored.forEach((key, count) -> total.resourcesIgnored.merge(key, count, Long::sum));
        counted.linesSkipped.forEach((key, count) -> total.linesSkipped.merge(key, count, Long::sum));
        counted.linesPassedOver.forEach((key, count) -> total.linesPassedOver.merge(key, count, Long::sum));
        counted.referencesMissing.forEach((key, count) -> total.referencesMissing.merge(key, count, Long::sum));
    }

    /** Drops the passed-over counts that came to nothing (a candidate's line counted in the second reading), as the local reader does. */
    public static void finish(GenericFlow total)
    {
        total.linesPassedOver.values().removeIf(count -> count == 0);
    }

    /**
     * A patient from its parts in the local reader's file order: records appended file after file;
     * a later day replaces the latest of its kind, the first read wins a tie; the Patient resource
     * (and its day) only from the first file that has one.
     */
    public static GenericPatient patient(String patientId, List<PatientPart> partsInFileOrder)
    {
        List<GenericRecord> records = new ArrayList<>();
        Map<String, GenericPatient.Dated> latest = new HashMap<>();
        PatientPart facts = null;
        for (PatientPart part : partsInFileOrder) {
            records.addAll(part.records());
            for (Map.Entry<String, GenericPatient.Dated> entry : part.latest().entrySet()) {
                if (!entry.getKey().equals("patient") || facts == null) {
                    GenericPatient.Dated before = latest.get(entry.getKey());
                    if (before == null || FhirDate.ORDER.compare(entry.getValue().date(), before.date()) > 0) {
                        latest.put(entry.getKey(), entry.getValue());
                    }
                }
            }
            if (facts == null && part.patientSource() != null) {
                facts = part;
            }
        }
        return new GenericPatient(patientId, facts == null ? null : facts.patientSource(), facts == null ? null : facts.birthDate(),
                facts == null ? null : facts.gender(), facts == null ? null : facts.deceased(), records, latest);
    }
}

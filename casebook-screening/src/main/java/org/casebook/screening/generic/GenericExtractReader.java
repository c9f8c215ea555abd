package org.casebook.screening.generic;

import org.casebook.screening.local.Csv;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.local.ExtractFile;
import org.casebook.screening.local.LinePrefilter;
import org.casebook.screening.local.NdjsonLines;
import org.casebook.screening.local.ParallelFiles;
import org.casebook.screening.local.PatientReferences;

import static org.casebook.screening.generic.Json.concept;
import static org.casebook.screening.generic.Json.concepts;
import static org.casebook.screening.generic.Json.date;
import static org.casebook.screening.generic.Json.periodDate;
import static org.casebook.screening.generic.Json.text;

/**
 * Reads a FHIR R4 bulk export into per-patient facts, simply: every line of every file of a type
 * it reads is parsed into a tree (Medication files first, so references resolve), checked, turned
 * into a {@link GenericRecord} and grouped by patient. Lines it cannot use are logged in
 * {@code skipped.csv} (or stop a strict run).
 */
public final class GenericExtractReader
{
    /** FHIR type → record kind; Patient and Medication are read too, as facts of their own. */
    static final Map<String, String> KINDS = Map.of(
            "Encounter", "encounter",
            "Condition", "condition",
            "MedicationAdministration", "medication",
            "MedicationRequest", "medication",
            "MedicationStatement", "medication",
            "Observation", "observation",
            "Procedure", "procedure",
            "DeviceRequest", "device_request",
            "ImagingStudy", "imaging_study");
    private static final String VERIFICATION_STATUS_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** For tests: every line built into a whole tree, the reference the streamed fields are compared with. */
    static volatile boolean wholeTrees;

    /**
     * Decimals as written (a value of 81.0 stays 81.0, 36062.40 stays 36062.40). A line holding
     * more after its object ({@code {…} {}}) is not one resource: malformed, not its first half.
     */
    private final ObjectMapper mapper = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private final LineFields lineFields = new LineFields(mapper);
    private final boolean strict;
    private final Mode mode;
    private final Candidates candidates;
    private final PatientReferences.IdSet candidateIds;
    /** This file's counts, added to the run's in file order. */
    final GenericFlow counted = new GenericFlow();
    /** Where the current line's counts go: {@link #counted}, or nowhere for a line counted in the first reading. */
    private GenericFlow flow = counted;
    private boolean silent;
    /** This file's skipped.csv rows by line, written in file order. */
    final TreeMap<Long, String> skippedRows = new TreeMap<>();
    /** Every Medication read before (the Medication files come first); this file's own when it is one. */
    final Map<String, Concept> medications;
    final Map<String, List<GenericRecord>> records = new HashMap<>();
    final Map<String, JsonNode> patients = new HashMap<>();
    final Map<String, RecordRef> patientSources = new HashMap<>();
    private String fileName;
    /** In {@link Mode#INDEX}: the patients with a record that may be an index event. */
    final Set<String> mayBeCandidates = new HashSet<>();
    /** The latest day on each patient's records, by kind, the first read on a tie. */
    final Map<String, Map<String, GenericPatient.Dated>> latest = new HashMap<>();

    private final java.util.function.Predicate<GenericRecord> keep;
    /** Where this file's patients go when the reader holds its share of the spill limit (null: held until the file is read). */
    private PatientParts store;
    private int fileOrder;
    /** Where the piece of the file read starts (0: the whole file or its first piece): its parts come after those of pieces before. */
    private long pieceStart;
    /** Records and patients held since the last spill. */
    private long held;

    /** How a file is read (package-private for {@link FileReading}, the Spark engine's per-file reading). */
    enum Mode
    {
        /** Every line parsed, counted and kept (no pre-filter, or a Patient, Medication or ignored type's file). */
        ALL,
        /** The index event's files, first: every line parsed and counted, the patients who may be candidates noted, nothing kept. */
        INDEX,
        /** Lines naming only patients who cannot be candidates are passed over unparsed (counted); the rest parsed, counted and kept. */
        FILTERED,
        /** The index event's files again: the candidates' lines parsed and kept, nothing counted (the first reading counted them). */
        QUIET
    }

    /**
     * What makes a patient a possible candidate, for reading only what can matter: a record of the
     * index criterion's kind ({@code types}) that may be an index event ({@code mayBeIndex}: a
     * superset of the rules' candidates, judged on the record alone). With {@code deciding} and
     * {@code included}, records of the other types are read only for the patients the rules include.
     */
    public record Candidates(Set<String> types, java.util.function.Predicate<GenericRecord> mayBeIndex, LinePrefilter lines, Set<String> deciding,
            java.util.function.Predicate<GenericPatient> included)
    {
        /**
         * @param lines which lines of those types may hold such a record, from their bytes (the others are
         *        passed over in the first reading, then read with the candidates' lines)
         * @param deciding the FHIR types whose records the rules judge (null: every type, all read for every possible candidate)
         * @param included given a possible candidate with the records of the {@code deciding} types, whether it is included
         *        (the rules' decision; asked on several threads at once, so it must hold no state of its own);
         *        the other types' lines are then read for the included patients alone
         */
        public Candidates
        {
            types = Set.copyOf(types);
            java.util.Objects.requireNonNull(mayBeIndex, "mayBeIndex is null");
            java.util.Objects.requireNonNull(lines, "lines is null");
            deciding = deciding == null ? null : Set.copyOf(deciding);
            if ((deciding == null) != (included == null)) {
                throw new IllegalArgumentException("deciding types and the inclusion test go together");
            }
        }

        /** Every record of every possible candidate read, as {@link #of(org.casebook.protocol.StudyProtocol, java.util.function.Predicate)} without the second step. */
        public static Candidates of(org.casebook.protocol.StudyProtocol protocol)
        {
            return of(protocol, null);
        }

        /**
         * The protocol's index criterion (the first): a record of its kind, of one of its encounter
         * classes when it names some, with a date that is a day inside the study window (any of its
         * dates: whatever date the rules judge, a candidate has one there). With {@code included}
         * (the rules' decision on a possible candidate), only the types of the criteria's kinds are read
         * for every possible candidate (and Condition, which can be an encounter's reason); the other
         * types, only for the included patients: the rules never look at them, only extraction does.
         */
        public static Candidates of(org.casebook.protocol.StudyProtocol protocol, java.util.function.Predicate<GenericPatient> included)
        {
            org.casebook.protocol.EligibilityCriterion index = protocol.eligibility().get(0);
            String kind = index.kind();
            Set<String> types = typesOf(Set.of(kind));
            Set<String> deciding = null;
            if (included != null) {
                Set<String> kinds = new HashSet<>();
                for (org.casebook.protocol.EligibilityCriterion criterion : protocol.eligibility()) {
                    kinds.add(criterion.kind());
                    if (criterion.kind().equals("encounter") && criterion.codeSet() != null) {
                        kinds.add("condition"); // a linked Condition's code can be an encounter's reason (RecordMatcher)
                    }
                }
                deciding = typesOf(kinds);
            }
            Set<String> classes = Set.copyOf(index.encounterClasses());
            java.time.LocalDate from = protocol.studyWindow().start();
            java.time.LocalDate to = protocol.studyWindow().end();
            LinePrefilter lines = kind.equals("encounter") && !classes.isEmpty() ? LinePrefilter.containingAnyString(classes) : LinePrefilter.ALL;
            return new Candidates(types, record -> {
                if (!record.kind().equals(kind)) {
                    return false;
                }
                if (kind.equals("encounter") && !classes.isEmpty() && (record.encounterClass() == null || !classes.contains(record.encounterClass()))) {
                    return false;
                }
                List<FhirDate> dates = new ArrayList<>(record.dates());
                dates.add(record.date());
                dates.add(record.end());
                return dates.stream().anyMatch(date -> date != null && date.isDayPrecise() && date.isWithin(from, to));
            }, lines, deciding, included);
        }

        private static Set<String> typesOf(Set<String> kinds)
        {
            Set<String> types = new HashSet<>();
            KINDS.forEach((type, recordKind) -> {
                if (kinds.contains(recordKind)) {
                    types.add(type);
                }
            });
            return types;
        }

        /** Whether a record type's files are read in the second step, for the included patients only. */
        public boolean forIncludedOnly(String type)
        {
            return deciding != null && KINDS.containsKey(type) && !deciding.contains(type);
        }
    }

    /** Made-up lines, a resource of each type (of one made-up patient), for {@link #warmUp}. */
    static final String WARM_UP_LINES = "warm-up.ndjson";
    /** How many times {@link #warmUp} reads each line: enough for the lines' code to be compiled, a few milliseconds in all. */
    static final int WARM_UP_TIMES = 64;

    /**
     * Reads made-up lines of every type many times over and throws what it read away. Run on a
     * thread of its own while the command line and the protocol are read on the other core, it
     * loads and initialises the reading's classes (Jackson's among them) and has its code compiled,
     * which the first files' reading did before while the other core idled (docs/screening.md,
     * "Whole-process benchmark"). It reads no file and changes nothing a screening reads.
     *
     * @return how many resources it read (each line {@link #WARM_UP_TIMES} times, none skipped)
     */
    public static long warmUp()
            throws IOException
    {
        long read = 0;
        byte[] lines;
        try (java.io.InputStream in = GenericExtractReader.class.getResourceAsStream(WARM_UP_LINES)) {
            lines = in.readAllBytes();
        }
        Map<String, Concept> medications = new HashMap<>();
        PatientReferences.IdSet patient = new PatientReferences.IdSet(Set.of("pt-warm-up"));
        for (String line : new String(lines, StandardCharsets.UTF_8).split("\n")) {
            String type = line.substring(line.indexOf(":\"") + 2, line.indexOf('"', line.indexOf(":\"") + 2)); // each line begins {"resourceType":"…"
            byte[] repeated = (line + "\n").repeat(WARM_UP_TIMES).getBytes(StandardCharsets.UTF_8);
            Mode mode = type.equals("Medication") || type.equals("Patient") ? Mode.ALL : Mode.FILTERED;
            GenericExtractReader reader = new GenericExtractReader(false, mode, null, patient, medications, record -> true);
            reader.readFile(new org.casebook.screening.local.NdjsonFile()
            {
                @Override
                public String name()
                {
                    return type + ".ndjson";
                }

                @Override
                public String typeName()
                {
                    return type;
                }

                @Override
                public String location()
                {
                    return WARM_UP_LINES;
                }

                @Override
                public Lines open()
                {
                    return new Lines(new java.io.ByteArrayInputStream(repeated), 1);
                }
            });
            read += reader.counted.resourcesRead.values().stream().mapToLong(Long::longValue).sum();
        }
        return read;
    }

    GenericExtractReader(boolean strict, Mode mode, Candidates candidates, PatientReferences.IdSet candidateIds, Map<String, Concept> medications,
            java.util.function.Predicate<GenericRecord> keep)
    {
        this.keep = keep;
        this.strict = strict;
        this.mode = mode;
        this.candidates = candidates;
        this.candidateIds = candidateIds;
        this.medications = medications;
    }

    /**
     * Reads every line of every file.
     *
     * @param skipped receives {@code skipped.csv} (header included)
     * @return every patient named by a Patient resource or a record, by patient id
     */
    public static Map<String, GenericPatient> read(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow)
            throws IOException
    {
        return read(folder, strict, skipped, flow, record -> true);
    }

    /**
     * @param keep which records to keep once read and checked (records that cannot matter to any rule may be dropped; all are counted)
     */
    public static Map<String, GenericPatient> read(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow, java.util.function.Predicate<GenericRecord> keep)
            throws IOException
    {
        return read(folder, strict, skipped, flow, keep, null);
    }

    /**
     * Reads the export, files in parallel (each with its own parser and counts, merged in file order,
     * so the result does not depend on the number of threads): Medication files first, so references
     * resolve; with {@code candidates}, the index event's files next, every line, to find the patients
     * who may be candidates; then every other file, where a line naming only other patients is passed
     * over unparsed ({@code lines_passed_over_unparsed}), and the index event's files again for the
     * candidates' records. The patients returned are then the possible candidates (every other
     * patient has no index event, whatever its records), each with every record of theirs.
     *
     * @param candidates what may make a patient a candidate; null to read and return every patient
     */
    public static Map<String, GenericPatient> read(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow,
            java.util.function.Predicate<GenericRecord> keep, Candidates candidates)
            throws IOException
    {
        return read(folder, strict, skipped, flow, keep, candidates, org.casebook.screening.local.ProgressListener.NONE);
    }

    /**
     * As {@link #read(java.nio.file.Path, boolean, Writer, GenericFlow, java.util.function.Predicate, Candidates)},
     * telling {@code progress} the bytes of each file read as it is done (a file read in two steps counts twice).
     */
    public static Map<String, GenericPatient> read(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow,
            java.util.function.Predicate<GenericRecord> keep, Candidates candidates, org.casebook.screening.local.ProgressListener progress)
            throws IOException
    {
        Map<String, GenericPatient> result = new TreeMap<>();
        try (Patients patients = patients(folder, strict, skipped, flow, keep, candidates, progress, SpillLimit.NEVER, null)) {
            patients.forEach(patient -> result.put(patient.patientId(), patient));
        }
        return result;
    }

    /**
     * As {@link #read(java.nio.file.Path, boolean, Writer, GenericFlow, java.util.function.Predicate, Candidates, org.casebook.screening.local.ProgressListener)},
     * holding at most about {@code limit}'s records in memory: past it, the patients read so far are
     * written to spill files in a new owner-only folder under {@code spillParent} (null: {@code java.io.tmpdir}),
     * merged patient by patient when handed over, and deleted when the result is closed (or reading fails).
     */
    public static Patients patients(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow,
            java.util.function.Predicate<GenericRecord> keep, Candidates candidates, org.casebook.screening.local.ProgressListener progress,
            SpillLimit limit, java.nio.file.Path spillParent)
            throws IOException
    {
        PatientParts store = new PatientParts(limit, Runtime.getRuntime().availableProcessors(), spillParent);
        try {
            readFiles(folder, strict, skipped, flow, keep, candidates, progress, store);
            return store;
        }
        catch (IOException | RuntimeException | Error e) {
            store.close();
            throw e;
        }
        finally {
            progress.finish();
        }
    }

    /** A file reader that tells {@code progress} the file's bytes once it has read it. */
    private static java.util.function.Function<ExtractFile, GenericExtractReader> done(org.casebook.screening.local.ProgressListener progress,
            java.util.function.Function<ExtractFile, GenericExtractReader> reader)
    {
        return file -> {
            GenericExtractReader part = reader.apply(file);
            progress.advance(file.size());
            return part;
        };
    }

    private static void readFiles(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow,
            java.util.function.Predicate<GenericRecord> keep, Candidates candidates, org.casebook.screening.local.ProgressListener progress,
            PatientParts store)
            throws IOException
    {
        skipped.write("file,line,reason,detail\n");
        List<ExtractFile> files = ExtractFile.list(folder);
        long indexBytes = candidates == null ? 0 : files.stream().filter(file -> candidates.types().contains(file.typeName())).mapToLong(ExtractFile::size).sum();
        progress.start("Reading the export", files.stream().mapToLong(ExtractFile::size).sum() + indexBytes,
                org.casebook.screening.local.ProgressListener.Unit.BYTES);
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Concept> medications = new HashMap<>();
        List<ExtractFile> medicationFiles = files.stream().filter(file -> file.typeName().equals("Medication")).toList();
        List<ExtractFile> others = files.stream().filter(file -> !file.typeName().equals("Medication")).toList();
        // By path: a file read in pieces ({@link ParallelFiles}) hands its parts over as one file, piece by piece in file order.
        Map<java.nio.file.Path, Integer> fileOrder = new HashMap<>();
        for (int index = 0; index < others.size(); index++) {
            fileOrder.put(others.get(index).path(), index);
        }
        // Counts and skipped lines in the order a single reader meets them: Medication files, then the rest in name order.
        Map<ExtractFile, List<GenericExtractReader>> counted = new HashMap<>();
        List<GenericExtractReader> medicationParts = ParallelFiles.read(medicationFiles, threads,
                done(progress, file -> new GenericExtractReader(strict, Mode.ALL, null, null, new HashMap<>(), keep).readFile(file)), GenericExtractReader::readOn);
        for (int index = 0; index < medicationFiles.size(); index++) {
            medications.putAll(medicationParts.get(index).medications);
            counted.computeIfAbsent(medicationFiles.get(index), key -> new ArrayList<>()).add(medicationParts.get(index));
        }
        Map<String, Concept> known = java.util.Collections.unmodifiableMap(medications);
        org.casebook.io.StepClock.mark("medications read");
        PatientReferences.IdSet ids = null;
        Set<String> possible = null;
        if (candidates != null) {
            List<ExtractFile> indexFiles = others.stream().filter(file -> candidates.types().contains(file.typeName())).toList();
            List<GenericExtractReader> indexParts = ParallelFiles.read(indexFiles, threads,
                    done(progress, file -> new GenericExtractReader(strict, Mode.INDEX, candidates, null, known, keep).readFile(file)), GenericExtractReader::readOn);
            possible = new HashSet<>();
            for (int index = 0; index < indexFiles.size(); index++) {
                possible.addAll(indexParts.get(index).mayBeCandidates);
                indexParts.get(index).mayBeCandidates.clear(); // held once, in possible
                counted.computeIfAbsent(indexFiles.get(index), key -> new ArrayList<>()).add(indexParts.get(index));
            }
            ids = new PatientReferences.IdSet(possible);
        }
        org.casebook.io.StepClock.mark("index step");
        PatientReferences.IdSet candidateIds = ids;
        // The second step's files (none without it): read once the included patients are known.
        List<ExtractFile> later = candidates == null ? List.of() : others.stream().filter(file -> candidates.forIncludedOnly(file.typeName())).toList();
        List<ExtractFile> first = others.stream().filter(file -> !later.contains(file)).toList();
        Map<ExtractFile, GenericExtractReader> parts = new HashMap<>();
        List<GenericExtractReader> firstParts = ParallelFiles.read(first, threads, done(progress, file -> {
            Mode mode = candidates == null || file.typeName().equals("Patient") || !KINDS.containsKey(file.typeName()) ? Mode.ALL
                    : candidates.types().contains(file.typeName()) ? Mode.QUIET : Mode.FILTERED;
            return new GenericExtractReader(strict, mode, candidates, candidateIds, known, keep).spillingTo(store, fileOrder.get(file.path()), file.start())
                    .readFile(file).finish();
        }), GenericExtractReader::readOn);
        for (int index = 0; index < first.size(); index++) {
            parts.put(first.get(index), firstParts.get(index));
        }
        org.casebook.io.StepClock.mark("first step");
        store.restrictTo(possible);
        if (!later.isEmpty()) {
            // The rules judge only the first step's types: decide each possible candidate on them, then read the rest for the included.
            Set<String> included = IncludedPatients.of(store, candidates.included(), threads);
            PatientReferences.IdSet includedIds = new PatientReferences.IdSet(included);
            org.casebook.io.StepClock.mark("included decided");
            List<GenericExtractReader> laterParts = ParallelFiles.read(later, threads, done(progress,
                    file -> new GenericExtractReader(strict, Mode.FILTERED, candidates, includedIds, known, keep).spillingTo(store, fileOrder.get(file.path()), file.start())
                            .readFile(file).finish()), GenericExtractReader::readOn);
            for (int index = 0; index < later.size(); index++) {
                parts.put(later.get(index), laterParts.get(index));
            }
        }
        org.casebook.io.StepClock.mark("later step");
        for (ExtractFile file : others) {
            counted.computeIfAbsent(file, key -> new ArrayList<>()).add(parts.get(file));
        }
        List<ExtractFile> inOrder = new ArrayList<>(medicationFiles);
        inOrder.addAll(others);
        for (ExtractFile file : inOrder) {
            TreeMap<Long, String> rows = new TreeMap<>();
            for (GenericExtractReader part : counted.get(file)) {
                part.countInto(flow);
                rows.putAll(part.skippedRows);
            }
            for (String row : rows.values()) {
                skipped.write(row);
            }
        }
        flow.linesPassedOver.values().removeIf(count -> count == 0);
    }

    /**
     * This reader of a file's first piece with what {@code next}, the reader of the piece after it,
     * found: as if this reader had read on (records appended in line order, the first Patient
     * resource of an id kept, a later day replacing the latest of its kind, the first on a tie).
     */
    private GenericExtractReader readOn(GenericExtractReader next)
    {
        next.countInto(counted);
        skippedRows.putAll(next.skippedRows);
        if (next.medications != medications) {
            medications.putAll(next.medications); // a Medication file's own (the others share the run's, read before)
        }
        mayBeCandidates.addAll(next.mayBeCandidates);
        next.records.forEach((patientId, list) -> records.computeIfAbsent(patientId, key -> new ArrayList<>()).addAll(list));
        readOnLatest(next.latest, latest, patients);
        next.patients.forEach(patients::putIfAbsent);
        next.patientSources.forEach(patientSources::putIfAbsent);
        return this;
    }

    /**
     * Adds the latest days read next to those read before, as one reader notes them: a later day
     * replaces, the first read wins a tie; a Patient's only from its first resource ({@code patients}: those read before).
     */
    private static void readOnLatest(Map<String, Map<String, GenericPatient.Dated>> next, Map<String, Map<String, GenericPatient.Dated>> latest,
            Map<String, JsonNode> patients)
    {
        next.forEach((patientId, byKind) -> byKind.forEach((kind, dated) -> {
            if (!kind.equals("patient") || !patients.containsKey(patientId)) {
                Map<String, GenericPatient.Dated> all = latest.computeIfAbsent(patientId, key -> new HashMap<>());
                GenericPatient.Dated before = all.get(kind);
                if (before == null || FhirDate.ORDER.compare(dated.date(), before.date()) > 0) {
                    all.put(kind, dated);
                }
            }
        }));
    }

    /** Adds this file's counts to the run's. */
    private void countInto(GenericFlow total)
    {
        total.patientsInExtract += counted.patientsInExtract;
        add(counted.resourcesRead, total.resourcesRead);
        add(counted.resourcesIgnored, total.resourcesIgnored);
        add(counted.linesSkipped, total.linesSkipped);
        add(counted.linesPassedOver, total.linesPassedOver);
        add(counted.referencesMissing, total.referencesMissing);
    }

    private static void add(Map<String, Long> counts, Map<String, Long> total)
    {
        counts.forEach((key, count) -> total.merge(key, count, Long::sum));
    }

    GenericExtractReader readFile(org.casebook.screening.local.NdjsonFile file)
    {
        fileName = file.name();
        String type = file.typeName();
        boolean known = type.equals("Patient") || type.equals("Medication") || KINDS.containsKey(type);
        Set<String> fields = known ? LineFields.FIELDS.get(type) : Set.of();
        long[] passedOver = {0};
        GenericFlow scratch = new GenericFlow();
        NdjsonLines.Handler handler = (buffer, start, length, number) -> {
            if (mode == Mode.INDEX && !candidates.lines().mayMatter(buffer, start, length)) {
                passedOver[0]++;
                return;
            }
            if (mode == Mode.QUIET) {
                // A candidate's line: the first reading counted it, unless it passed it over (then it is counted now).
                silent = candidates.lines().mayMatter(buffer, start, length);
                flow = silent ? scratch : counted;
                if (!silent) {
                    passedOver[0]--;
                }
            }
            if (!known) {
                if (!isBlank(buffer, start, length)) {
                    GenericFlow.increment(flow.resourcesIgnored, type);
                }
                return;
            }
            JsonNode node = wholeTrees ? null : lineFields.read(fields, buffer, start, length);
            if (node == null) {
                // Not simply one JSON object: read as text the simple way (blank, malformed, trailing content, bad UTF-8).
                String line = new String(buffer, start, length, StandardCharsets.UTF_8);
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    return;
                }
                try {
                    node = mapper.readTree(line);
                    if (node == null || !node.isObject()) {
                        throw new IOException("not a JSON object");
                    }
                }
                catch (IOException | RuntimeException e) {
                    skip(file, number, "malformed_json", firstLine(e.getMessage()));
                    return;
                }
            }
            readLine(file, type, node, number);
        };
        if (known && (mode == Mode.FILTERED || mode == Mode.QUIET)) {
            // One scan finds line ends and Patient references together; lines naming only other patients are not handed over.
            file.readNaming(candidateIds, true, handler, lines -> {
                if (mode == Mode.FILTERED) {
                    passedOver[0] += lines;
                }
            }, bytes -> { });
        }
        else {
            file.readLines(handler, bytes -> { });
        }
        if (mode == Mode.QUIET) {
            flow = counted;
            silent = false;
        }
        if (mode != Mode.ALL && passedOver[0] != 0) {
            counted.linesPassedOver.merge(type, passedOver[0], Long::sum);
        }
        return this;
    }

    /** Blank as {@link String#isBlank} says. */
    private static boolean isBlank(byte[] buffer, int start, int length)
    {
        for (int at = start; at < start + length; at++) {
            if (buffer[at] < 0) {
                return new String(buffer, start, length, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(buffer[at])) {
                return false;
            }
        }
        return true;
    }

    private void readLine(org.casebook.screening.local.NdjsonFile file, String type, JsonNode node, long number)
            throws IOException
    {
        String resourceType = text(node, "resourceType");
        if (!type.equals(resourceType)) {
            skip(file, number, "wrong_resource_type", "expected " + type + ", found " + resourceType);
            return;
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            skip(file, number, "no_id", "");
            return;
        }
        RecordRef source = new RecordRef(type, id, fileName, number);
        if (type.equals("Medication")) {
            medications.put(id, concept(node.get("code")));
            GenericFlow.increment(flow.resourcesRead, type);
            return;
        }
        if (type.equals("Patient")) {
            flow.patientsInExtract++;
            if (candidateIds == null || candidateIds.contains(id)) {
                if (!patients.containsKey(id)) {
                    noteDay(id, "patient", date(node, "deceasedDateTime"), source);
                }
                if (patients.putIfAbsent(id, node) == null) {
                    held++;
                }
                patientSources.putIfAbsent(id, source);
            }
            GenericFlow.increment(flow.resourcesRead, type);
            spillIfFull();
            return;
        }
        String patientId = Json.referenceId(node.get("subject"), "Patient").orElse(null);
        if (patientId == null) {
            skip(file, number, "no_subject", "no subject reference to a Patient");
            return;
        }
        GenericFlow.increment(flow.resourcesRead, type);
        GenericRecord record = record(type, node, source);
        if (mode == Mode.INDEX) {
            if (candidates.mayBeIndex().test(record) && keep.test(record)) {
                mayBeCandidates.add(patientId);
            }
            return;
        }
        for (FhirDate day : writtenDates(type, node, record)) {
            noteDay(patientId, record.kind(), day, source);
        }
        if (keep.test(record)) {
            records.computeIfAbsent(patientId, key -> new ArrayList<>()).add(record);
            held++;
        }
        spillIfFull();
    }

    /**
     * Reads into {@code store} as the file at {@code fileOrder} (the piece of it starting at byte
     * {@code pieceStart}), spilling whenever it holds its share of the limit.
     */
    GenericExtractReader spillingTo(PatientParts store, int fileOrder, long pieceStart)
    {
        this.store = store;
        this.fileOrder = fileOrder;
        this.pieceStart = pieceStart;
        return this;
    }

    private void spillIfFull()
    {
        if (store != null && held >= store.perReader()) {
            store.spill(fileOrder, pieceStart, this);
            held = 0;
        }
    }

    /** Hands the rest of the file's patients to {@code store}; the reader keeps its counts. */
    private GenericExtractReader finish()
    {
        if (store != null) {
            store.finish(fileOrder, pieceStart, this, held);
            held = 0;
        }
        return this;
    }

    /** Notes a day-precise date written on a patient's record of a kind (a later one replaces it; the first read wins a tie). */
    private void noteDay(String patientId, String kind, FhirDate date, RecordRef source)
    {
        if (date == null || !date.isDayPrecise()) {
            return;
        }
        Map<String, GenericPatient.Dated> byKind = latest.get(patientId);
        if (byKind == null) {
            byKind = new HashMap<>();
            latest.put(patientId, byKind);
            held++;
        }
        GenericPatient.Dated known = byKind.get(kind);
        if (known == null || FhirDate.ORDER.compare(date, known.date()) > 0) {
            byKind.put(kind, new GenericPatient.Dated(date, source));
        }
    }

    /** The dates written on a record that tell the patient was seen then: its dates, an end, a condition's abatement, a statement's assertion. */
    private static List<FhirDate> writtenDates(String type, JsonNode node, GenericRecord record)
    {
        List<FhirDate> dates = new ArrayList<>(record.dates());
        if (record.end() != null) {
            dates.add(record.end());
        }
        switch (type) {
            case "Condition" -> dates.add(date(node, "abatementDateTime"));
            case "MedicationAdministration", "MedicationRequest", "MedicationStatement" -> dates.add(date(node, "dateAsserted"));
            case "Observation" -> dates.add(periodDate(node, "effectivePeriod", "end"));
            default -> { }
        }
        return dates;
    }

    private GenericRecord record(String type, JsonNode node, RecordRef source)
    {
        String kind = KINDS.get(type);
        return switch (type) {
            case "Encounter" -> encounter(node, source);
            case "Condition" -> condition(node, source);
            case "MedicationAdministration" -> medication(node, source, "administration", effectiveStart(node), periodDate(node, "effectivePeriod", "end"),
                    doses(List.of(node.path("dosage").path("dose"))));
            case "MedicationRequest" -> medication(node, source, "request", date(node, "authoredOn"), periodDate(node.path("dispenseRequest"), "validityPeriod", "end"),
                    doses(doseQuantities(node.get("dosageInstruction"))));
            case "MedicationStatement" -> medication(node, source, "statement", effectiveStart(node), periodDate(node, "effectivePeriod", "end"),
                    doses(doseQuantities(node.get("dosage"))));
            case "Observation" -> {
                FhirDate effective = first(date(node, "effectiveDateTime"), periodDate(node, "effectivePeriod", "start"), date(node, "effectiveInstant"));
                yield simple(kind, source, text(node, "status"), List.of(concept(node.get("code"))), effective,
                        Json.quantity(node.get("valueQuantity")), concept(node.get("valueCodeableConcept")), Set.of());
            }
            case "Procedure" -> simple(kind, source, text(node, "status"), List.of(concept(node.get("code"))),
                    first(date(node, "performedDateTime"), periodDate(node, "performedPeriod", "start")), null, Concept.EMPTY, Set.of());
            case "DeviceRequest" -> simple(kind, source, text(node, "status"), List.of(concept(node.get("codeCodeableConcept"))),
                    first(date(node, "authoredOn"), date(node, "occurrenceDateTime"), periodDate(node, "occurrencePeriod", "start")), null, Concept.EMPTY, Set.of());
            case "ImagingStudy" -> simple(kind, source, text(node, "status"), concepts(node.get("procedureCode")), date(node, "started"), null, Concept.EMPTY, modalities(node));
            default -> throw new IllegalArgumentException("not a record type: " + type);
        };
    }

    private static GenericRecord simple(String kind, RecordRef source, String status, List<Concept> concepts, FhirDate date, Quantity value, Concept valueConcept,
            Set<String> modalities)
    {
        return new GenericRecord(kind, source, null, status, concepts, date, date == null ? List.of() : List.of(date), null, null, List.of(), null,
                value, valueConcept, List.of(), modalities);
    }

    private static GenericRecord encounter(JsonNode node, RecordRef source)
    {
        List<String> conditionIds = new ArrayList<>();
        JsonNode reasonReferences = node.get("reasonReference");
        if (reasonReferences != null && reasonReferences.isArray()) {
            reasonReferences.forEach(reference -> Json.referenceId(reference, "Condition").ifPresent(conditionIds::add));
        }
        JsonNode diagnoses = node.get("diagnosis");
        if (diagnoses != null && diagnoses.isArray()) {
            diagnoses.forEach(diagnosis -> Json.referenceId(diagnosis.get("condition"), "Condition").ifPresent(conditionIds::add));
        }
        FhirDate start = periodDate(node, "period", "start");
        return new GenericRecord("encounter", source, null, text(node, "status"), concepts(node.get("reasonCode")), start,
                start == null ? List.of() : List.of(start), periodDate(node, "period", "end"), Json.firstCode(node.get("class")), conditionIds, null,
                null, Concept.EMPTY, List.of(), Set.of());
    }

    private static GenericRecord condition(JsonNode node, RecordRef source)
    {
        List<FhirDate> dates = new ArrayList<>();
        for (FhirDate date : new FhirDate[] {date(node, "onsetDateTime"), periodDate(node, "onsetPeriod", "start"), date(node, "recordedDate")}) {
            if (date != null) {
                dates.add(date);
            }
        }
        FhirDate day = dates.stream().filter(FhirDate::isDayPrecise).min(FhirDate.ORDER).orElse(null);
        return new GenericRecord("condition", source, null, verificationStatus(node.get("verificationStatus")), List.of(concept(node.get("code"))), day, dates,
                null, null, List.of(), Json.referenceId(node.get("encounter"), "Encounter").orElse(null), null, Concept.EMPTY, List.of(), Set.of(),
                date(node, "recordedDate"), List.of());
    }

    private GenericRecord medication(JsonNode node, RecordRef source, String recordType, FhirDate date, FhirDate end, List<Quantity> doses)
    {
        return new GenericRecord("medication", source, recordType, text(node, "status"), List.of(drug(node)), date, date == null ? List.of() : List.of(date),
                end, null, List.of(), null, null, Concept.EMPTY, doses, Set.of(), null, concepts(node.get("statusReason")));
    }

    /** The verificationStatus code: the HL7 coding's when there is one, else the first code (or a bare string). */
    private static String verificationStatus(JsonNode node)
    {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        return concept(node).codings().stream()
                .filter(coding -> VERIFICATION_STATUS_SYSTEM.equals(coding.system()) && coding.code() != null)
                .map(org.casebook.screening.fhir.Coding::code)
                .findFirst()
                .orElseGet(() -> Json.firstCode(node));
    }

    /** The drug: the record's own concept, a contained Medication ({@code #id}), or a Medication resource. */
    private Concept drug(JsonNode node)
    {
        if (node.has("medicationCodeableConcept")) {
            return concept(node.get("medicationCodeableConcept"));
        }
        String reference = text(node.path("medicationReference"), "reference");
        if (reference == null) {
            return Concept.EMPTY;
        }
        if (reference.startsWith("#")) {
            String id = reference.substring(1);
            JsonNode contained = node.get("contained");
            if (contained != null && contained.isArray()) {
                for (JsonNode resource : contained) {
                    if (id.equals(text(resource, "id"))) {
                        return concept(resource.get("code"));
                    }
                }
            }
            GenericFlow.increment(flow.referencesMissing, "contained Medication");
            return Concept.EMPTY;
        }
        String id = Json.referenceId(node.get("medicationReference"), "Medication").orElse(null);
        Concept medication = id == null ? null : medications.get(id);
        if (medication == null) {
            GenericFlow.increment(flow.referencesMissing, "Medication");
            return Concept.EMPTY;
        }
        return medication;
    }

    private static Set<String> modalities(JsonNode node)
    {
        Set<String> modalities = new HashSet<>();
        addModalities(node.get("modality"), modalities);
        JsonNode series = node.get("series");
        if (series != null && series.isArray()) {
            series.forEach(element -> addModalities(element.get("modality"), modalities));
        }
        return modalities;
    }

    private static void addModalities(JsonNode node, Set<String> modalities)
    {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> addModalities(element, modalities));
        }
        else if (node.isObject() && text(node, "code") != null) {
            modalities.add(text(node, "code"));
        }
        else if (node.isObject()) {
            concept(node).codings().stream().map(org.casebook.screening.fhir.Coding::code).filter(code -> code != null).forEach(modalities::add);
        }
    }

    private static FhirDate effectiveStart(JsonNode node)
    {
        return first(date(node, "effectiveDateTime"), periodDate(node, "effectivePeriod", "start"));
    }

    private static FhirDate first(FhirDate... dates)
    {
        for (FhirDate date : dates) {
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    private static List<JsonNode> doseQuantities(JsonNode dosages)
    {
        List<JsonNode> quantities = new ArrayList<>();
        if (dosages != null && dosages.isArray()) {
            for (JsonNode dosage : dosages) {
                JsonNode rates = dosage.get("doseAndRate");
                if (rates != null && rates.isArray()) {
                    rates.forEach(rate -> quantities.add(rate.get("doseQuantity")));
                }
            }
        }
        return quantities;
    }

    private static List<Quantity> doses(List<JsonNode> nodes)
    {
        List<Quantity> doses = new ArrayList<>();
        for (JsonNode node : nodes) {
            Quantity quantity = Json.quantity(node);
            if (quantity != null) {
                doses.add(quantity);
            }
        }
        return doses;
    }

    private void skip(org.casebook.screening.local.NdjsonFile file, long line, String reason, String detail)
    {
        if (silent) {
            return;
        }
        if (strict) {
            throw new CasebookException(ErrorCode.BAD_INPUT, file.name() + " line " + line + ": " + reason.replace('_', ' ') + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + "; without --strict such lines are skipped and listed in skipped.csv");
        }
        GenericFlow.increment(flow.linesSkipped, reason);
        skippedRows.put(line, Csv.row(fileName, Long.toString(line), reason, detail));
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}

package org.casebook.screening.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.EncounterRecord;
import org.casebook.screening.facts.ImagingStudyRecord;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.ObservationRecord;
import org.casebook.screening.facts.PatientFacts;
import org.casebook.screening.facts.PatientFactsBuilder;
import org.casebook.screening.facts.PatientRecord;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.rules.CaseExtractor;
import org.casebook.screening.rules.EligibilityDecision;
import org.casebook.screening.rules.ExtractedCase;
import org.casebook.screening.rules.ScreeningProtocol;
import org.casebook.screening.rules.ScreeningRules;

import static java.util.Objects.requireNonNull;

/**
 * Screens a bulk-data export on one machine, in two streaming passes over the files:
 * <ol>
 * <li>Medication, Patient, Encounter, Condition and medication records are parsed (only the fields
 * screening reads are built into trees; the rest is skipped by the streaming parser); only records
 * that could matter to a criterion are kept, grouped by patient; each candidate is then judged by
 * the pure {@link ScreeningRules#decide}.</li>
 * <li>Every file is searched, as bytes, for references to the included patients; only lines that
 * name one are parsed, and the included patients' complete facts go to {@link CaseExtractor}.
 * Observation, ImagingStudy and DeviceRequest lines of other patients are passed over without
 * parsing (and so not validated), and counted.</li>
 * </ol>
 * Heap holds the candidate admissions and, for their patients only, the records that could matter to
 * a criterion; then the included patients' records. Not the extract.
 */
public final class LocalScreening
{
    private final ScreeningProtocol protocol;
    private final boolean strict;
    private final ProgressListener progress;
    private final JsonFactory jsonFactory = new JsonFactory();
    private final CaseExtractor extractor;
    private final int threads;

    public LocalScreening(ScreeningProtocol protocol, boolean strict, ProgressListener progress)
    {
        this(protocol, strict, progress, Runtime.getRuntime().availableProcessors());
    }

    /** With {@code threads} reading the second pass's files (the result does not depend on it). */
    public LocalScreening(ScreeningProtocol protocol, boolean strict, ProgressListener progress, int threads)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.strict = strict;
        this.progress = requireNonNull(progress, "progress is null");
        this.extractor = new CaseExtractor(protocol.extraction());
        this.threads = threads;
    }

    /** Screens the export in {@code extract}, listing skipped lines on {@code skipped}. */
    public ScreeningResult run(java.nio.file.Path extract, java.io.Writer skipped)
            throws IOException
    {
        List<ExtractFile> files = ExtractFile.list(extract);
        Flow flow = new Flow();
        SkipLog skipLog = new SkipLog(skipped, strict, flow);
        Run run = new Run(files, flow, skipLog);
        List<EligibilityDecision> decisions = run.firstPass();
        List<EligibilityDecision> included = decisions.stream()
                .filter(EligibilityDecision::isIncluded)
                .sorted(Comparator.comparing((EligibilityDecision decision) -> decision.dayZero().orElseThrow()).thenComparing(EligibilityDecision::patientId))
                .toList();
        Map<String, PatientFactsBuilder> facts = run.secondPass(included);
        List<ExtractedCase> cases = new ArrayList<>();
        for (EligibilityDecision decision : included) {
            cases.add(extractor.extract(facts.get(decision.patientId()).build(), decision.admission().orElseThrow()));
        }
        countFlow(decisions, flow);
        skipLog.close();
        List<EligibilityDecision> candidates = new ArrayList<>(included);
        decisions.stream().filter(decision -> !decision.isIncluded())
                .sorted(Comparator.comparing(EligibilityDecision::patientId))
                .forEach(candidates::add);
        return new ScreeningResult(candidates, cases, flow);
    }

    /** The step of the first pass that reads a type: Medication, then Encounter, then the rest (Patient too: kept for candidates only). */
    private static int firstPassStep(ResourceType type)
    {
        return switch (type) {
            case MEDICATION -> 0;
            case ENCOUNTER -> 1;
            default -> 2;
        };
    }

    private void countFlow(List<EligibilityDecision> decisions, Flow flow)
    {
        List<String> ids = protocol.rules().criterionIds();
        flow.withIndexAdmission = decisions.size();
        for (int index = 1; index < ids.size(); index++) {
            int met = index;
            flow.afterCriterion.put(ids.get(index), decisions.stream().filter(decision -> decision.criteriaMet() >= met).count());
        }
        for (String id : ids.subList(1, ids.size())) {
            flow.excludedByReason.put(id, decisions.stream().filter(decision -> decision.failedCriterion().map(id::equals).orElse(false)).count());
        }
    }

    /** The state of one run over an extract. */
    private final class Run
    {
        private final List<ExtractFile> files;
        private final Flow flow;
        private final SkipLog skipLog;
        private final Map<String, Concept> medications = new HashMap<>();
        /** The second pass re-reads medication records the first pass read: their missing references are counted already. */
        private final ScreeningRules rules = protocol.rules();
        private final LinePrefilter encounterClasses = LinePrefilter.containingAnyString(rules.indexAdmission().encounterClasses());
        private PatientReferences.IdSet candidates;
        /** The Patient resource of each included patient, read in the first pass. */
        private final Map<String, PatientRecord> includedPatients = new HashMap<>();

        Run(List<ExtractFile> files, Flow flow, SkipLog skipLog)
        {
            this.files = files;
            this.flow = flow;
            this.skipLog = skipLog;
        }

        /**
         * Reads the files that decide eligibility, in three steps whose files are read in parallel
         * (each with its own parser and counts, merged in file order, so the result does not depend
         * on the number of threads): Medication resources, so that every medicationReference resolves
         * as it is read; Patient and Encounter (which makes the candidate admissions) and the types
         * screening ignores; then conditions and drug records, kept only for patients with a
         * candidate admission.
         */
        List<EligibilityDecision> firstPass()
        {
            Map<String, PatientFactsBuilder> patients = new HashMap<>();
            progress.start("screening: pass 1 of 2", files.stream().mapToLong(ExtractFile::size).sum(), ProgressListener.Unit.BYTES);
            files.stream().filter(file -> file.type().map(type -> type.pass() == ResourceType.Pass.SECOND).orElse(false))
                    .forEach(file -> progress.advance(file.size()));
            for (int step = 0; step <= 2; step++) {
                int current = step;
                List<ExtractFile> group = files.stream()
                        .filter(file -> file.type().map(type -> type.pass() == ResourceType.Pass.FIRST).orElse(true))
                        .filter(file -> file.type().map(LocalScreening::firstPassStep).orElse(1) == current)
                        .toList();
                if (step == 2) {
                    candidates = new PatientReferences.IdSet(patients.keySet());
                }
                for (FirstPassFile part : ParallelFiles.read(group, threads, file -> new FirstPassFile(file).read())) {
                    part.mergeInto(patients);
                }
            }
            progress.finish();
            List<EligibilityDecision> decisions = new ArrayList<>();
            for (PatientFactsBuilder builder : patients.values()) {
                if (builder.hasEncounters()) {
                    PatientFacts facts = builder.build();
                    EligibilityDecision decision = rules.decide(facts);
                    if (decision.isCandidate()) {
                        decisions.add(decision);
                    }
                    if (decision.isIncluded()) {
                        facts.patient().ifPresent(patient -> includedPatients.put(patient.source().id(), patient));
                    }
                }
            }
            return decisions;
        }

        /** One file's part of the first pass, read on a worker thread. */
        private final class FirstPassFile
        {
            private final ExtractFile file;
            private final String fileName;
            private final Flow counts = new Flow();
            private final FactReader facts = new FactReader(medications, referenceType -> Flow.increment(counts.referencesMissing, referenceType));
            private final List<SkipLog.Skip> skips = new ArrayList<>();
            private final Map<String, PatientFactsBuilder> patients = new HashMap<>();
            private final Map<String, Concept> fileMedications = new HashMap<>();

            FirstPassFile(ExtractFile file)
            {
                this.file = file;
                this.fileName = file.name();
            }

            FirstPassFile read()
            {
                if (file.type().isEmpty()) {
                    long[] lines = {0};
                    file.readLines((buffer, start, length, line) -> lines[0]++, Run.this::advance);
                    if (lines[0] > 0) {
                        counts.resourcesIgnored.merge(file.typeName(), lines[0], Long::sum);
                    }
                    return this;
                }
                ResourceType type = file.type().get();
                FieldReader fieldReader = new FieldReader(jsonFactory);
                LinePrefilter prefilter = firstPassPrefilter(type);
                long[] passedOver = {0};
                file.readLines((buffer, start, length, line) -> {
                    if (!prefilter.mayMatter(buffer, start, length)) {
                        passedOver[0]++;
                        return;
                    }
                    parse(fieldReader, file, type, buffer, start, length, line, skips::add)
                            .ifPresent(node -> record(type, node, new RecordRef(type.fhirName(), FhirJson.text(node, "id"), fileName, line)));
                }, Run.this::advance);
                if (passedOver[0] > 0) {
                    counts.linesPassedOver.merge(type.fhirName(), passedOver[0], Long::sum);
                }
                return this;
            }

            private void record(ResourceType type, ObjectNode node, RecordRef source)
            {
                Flow.increment(counts.resourcesRead, type.fhirName());
                switch (type) {
                    case MEDICATION -> fileMedications.put(source.id(), FactReader.medication(node));
                    case PATIENT -> {
                        counts.patientsInExtract++;
                        // Kept now for the candidates, so that the second pass need not read Patient files again.
                        if (candidates.contains(source.id())) {
                            builder(patients, source.id()).patient(FactReader.patient(node, source));
                        }
                    }
                    case ENCOUNTER -> {
                        EncounterRecord encounter = FactReader.encounter(node, source);
                        if (rules.indexAdmission().isCandidate(encounter)) {
                            builder(patients, subject(node)).add(encounter);
                        }
                    }
                    case CONDITION -> {
                        String patientId = subject(node);
                        if (candidates.contains(patientId)) {
                            ConditionRecord condition = FactReader.condition(node, source);
                            if (rules.mayDecide(condition)) {
                                builder(patients, patientId).add(condition);
                            }
                        }
                    }
                    case MEDICATION_ADMINISTRATION, MEDICATION_REQUEST, MEDICATION_STATEMENT -> {
                        String patientId = subject(node);
                        MedicationUse use = facts.medicationUse(type, node, source);
                        if (candidates.contains(patientId) && rules.mayDecide(use)) {
                            builder(patients, patientId).add(use);
                        }
                    }
                    case DEVICE_REQUEST, OBSERVATION, IMAGING_STUDY -> throw new IllegalStateException(type + " is read in the second pass");
                }
            }

            void mergeInto(Map<String, PatientFactsBuilder> all)
            {
                skips.forEach(skipLog::skip);
                flow.add(counts);
                medications.putAll(fileMedications);
                patients.forEach((patientId, part) -> builder(all, patientId).addAll(part));
            }
        }

        /**
         * Which lines of a first-pass file can matter: encounters naming an accepted class (as a JSON
         * string), conditions and drug records naming a patient with a candidate admission (encounters
         * are read before them). Others are passed over unparsed.
         */
        private LinePrefilter firstPassPrefilter(ResourceType type)
        {
            return switch (type) {
                case ENCOUNTER -> encounterClasses;
                case CONDITION, MEDICATION_ADMINISTRATION, MEDICATION_REQUEST, MEDICATION_STATEMENT -> {
                    PatientReferences.IdSet ids = candidates;
                    yield (buffer, start, length) -> PatientReferences.namesAny(buffer, start, length, ids);
                }
                default -> LinePrefilter.ALL;
            };
        }

        /**
         * Reads every file again for the included patients' complete facts. Files are read in
         * parallel, one per thread (bulk exports split large types into many files), each with its
         * own parser and counts; their facts, counts and skipped lines are merged in file order, so
         * the result is the same as one thread's.
         */
        Map<String, PatientFactsBuilder> secondPass(List<EligibilityDecision> included)
                throws IOException
        {
            PatientReferences.IdSet ids = new PatientReferences.IdSet(included.stream().map(EligibilityDecision::patientId).collect(java.util.stream.Collectors.toSet()));
            List<ExtractFile> toRead = files.stream()
                    .filter(file -> file.type().isPresent() && file.type().get() != ResourceType.MEDICATION && file.type().get() != ResourceType.PATIENT)
                    .toList();
            progress.start("screening: pass 2 of 2", files.stream().mapToLong(ExtractFile::size).sum(), ProgressListener.Unit.BYTES);
            files.stream().filter(file -> !toRead.contains(file)).forEach(file -> progress.advance(file.size()));
            List<FileFacts> perFile = ParallelFiles.read(toRead, threads, file -> new FileFacts(file, ids).read());
            Map<String, PatientFactsBuilder> patients = new HashMap<>();
            included.forEach(decision -> patients.put(decision.patientId(), new PatientFactsBuilder(decision.patientId())));
            for (FileFacts facts : perFile) {
                facts.mergeInto(patients);
            }
            // As if the Patient files (named after every other type read) had been read last.
            includedPatients.forEach((patientId, patient) -> patients.get(patientId).patient(patient).recordDate(patient.deceased(), patient.source()));
            progress.finish();
            return patients;
        }

        /** One file's part of the second pass, read on a worker thread. */
        private final class FileFacts
        {
            private final ExtractFile file;
            private final ResourceType type;
            private final PatientReferences.IdSet ids;
            private final Flow counts = new Flow();
            // Missing references of first-pass types were counted when the first pass read them.
            private final FactReader facts;
            private final List<SkipLog.Skip> skips = new ArrayList<>();
            private final Map<String, PatientFactsBuilder> patients = new HashMap<>();
            private final String fileName;

            FileFacts(ExtractFile file, PatientReferences.IdSet ids)
            {
                this.file = file;
                this.fileName = file.name();
                this.type = file.type().orElseThrow();
                this.facts = new FactReader(medications, type.pass() == ResourceType.Pass.FIRST ? referenceType -> { }
                        : referenceType -> Flow.increment(counts.referencesMissing, referenceType));
                this.ids = ids;
            }

            FileFacts read()
            {
                FieldReader fieldReader = new FieldReader(jsonFactory);
                boolean firstPassType = type.pass() == ResourceType.Pass.FIRST;
                NdjsonLines.Handler handler = (buffer, start, length, line) -> {
                    // The first pass already judged (and logged) the lines of its types that it parsed.
                    boolean parsedBefore = firstPassType && (type != ResourceType.ENCOUNTER || encounterClasses.mayMatter(buffer, start, length));
                    Optional<ObjectNode> parsed = parsedBefore ? parseQuietly(fieldReader, type, buffer, start, length)
                            : parse(fieldReader, file, type, buffer, start, length, line, skips::add);
                    parsed.ifPresent(node -> {
                        if (!firstPassType) {
                            Flow.increment(counts.resourcesRead, type.fhirName());
                        }
                        String patientId = subject(node);
                        if (patientId != null && ids.contains(patientId)) {
                            secondPassRecord(type, node, new RecordRef(type.fhirName(), FhirJson.text(node, "id"), fileName, line),
                                    patients.computeIfAbsent(patientId, PatientFactsBuilder::new), facts);
                        }
                    });
                };
                file.readNaming(ids, handler, passedOver -> {
                    if (!firstPassType && passedOver > 0) {
                        counts.linesPassedOver.merge(type.fhirName(), passedOver, Long::sum);
                    }
                }, Run.this::advance);
                return this;
            }

            void mergeInto(Map<String, PatientFactsBuilder> included)
            {
                skips.forEach(skipLog::skip);
                flow.add(counts);
                patients.forEach((patientId, builder) -> included.get(patientId).addAll(builder));
            }
        }

        private void secondPassRecord(ResourceType type, ObjectNode node, RecordRef source, PatientFactsBuilder builder, FactReader facts)
        {
            switch (type) {
                case ENCOUNTER -> {
                    // The index admission comes with the decision; other encounters count only for the last follow-up.
                    EncounterRecord encounter = FactReader.encounter(node, source);
                    builder.recordDate(encounter.start(), source).recordDate(encounter.end(), source);
                }
                case CONDITION -> {
                    ConditionRecord condition = FactReader.condition(node, source);
                    if (extractor.mayUse(condition)) {
                        builder.add(condition);
                    }
                    builder.recordDate(condition.latestDate().orElse(null), source).recordDate(FhirJson.date(node, "abatementDateTime"), source);
                }
                case MEDICATION_ADMINISTRATION, MEDICATION_REQUEST, MEDICATION_STATEMENT, DEVICE_REQUEST -> {
                    MedicationUse use = facts.medicationUse(type, node, source);
                    if (extractor.mayUse(use)) {
                        builder.add(use);
                    }
                    builder.recordDate(use.start(), source).recordDate(use.end(), source).recordDate(FhirJson.date(node, "dateAsserted"), source);
                }
                case OBSERVATION -> {
                    ObservationRecord observation = FactReader.observation(node, source);
                    // Most of a patient's observations give no value; they count only for the last follow-up.
                    if (extractor.mayUse(observation)) {
                        builder.add(observation);
                    }
                    builder.recordDate(observation.effective(), source).recordDate(FhirJson.periodDate(node, "effectivePeriod", "end"), source);
                }
                case IMAGING_STUDY -> {
                    ImagingStudyRecord study = FactReader.imagingStudy(node, source);
                    builder.add(study).recordDate(study.started(), source);
                }
                case PATIENT, MEDICATION -> throw new IllegalStateException(type + " is read in the first pass only");
            }
        }

        private synchronized void advance(long bytes)
        {
            flow.bytesRead += bytes;
            progress.advance(bytes);
        }

        private PatientFactsBuilder builder(Map<String, PatientFactsBuilder> patients, String patientId)
        {
            return patients.computeIfAbsent(patientId, PatientFactsBuilder::new);
        }

        /**
         * Parses a line into the fields screening reads of its type, or skips it (malformed JSON, a
         * resource of another type, no id, no subject naming a Patient) with its file and line.
         */
        private Optional<ObjectNode> parse(FieldReader fields, ExtractFile file, ResourceType type, byte[] buffer, int start, int length, long line,
                java.util.function.Consumer<SkipLog.Skip> skip)
        {
            ObjectNode node;
            try {
                node = fields.readFields(type, buffer, start, length);
            }
            catch (IOException | RuntimeException e) {
                skip.accept(new SkipLog.Skip(file.name(), line, "malformed_json", firstLine(e.getMessage())));
                return Optional.empty();
            }
            String resourceType = FhirJson.text(node, "resourceType");
            if (!type.fhirName().equals(resourceType)) {
                skip.accept(new SkipLog.Skip(file.name(), line, "wrong_resource_type", "expected " + type.fhirName() + ", found " + resourceType));
                return Optional.empty();
            }
            String id = FhirJson.text(node, "id");
            if (id == null || id.isBlank()) {
                skip.accept(new SkipLog.Skip(file.name(), line, "no_id", ""));
                return Optional.empty();
            }
            if (type.hasSubject() && subject(node) == null) {
                skip.accept(new SkipLog.Skip(file.name(), line, "no_subject", "no subject reference to a Patient"));
                return Optional.empty();
            }
            return Optional.of(node);
        }

        /** Second reading of a line the first pass already judged (and logged if it was skipped). */
        private Optional<ObjectNode> parseQuietly(FieldReader fields, ResourceType type, byte[] buffer, int start, int length)
        {
            try {
                ObjectNode node = fields.readFields(type, buffer, start, length);
                return type.fhirName().equals(FhirJson.text(node, "resourceType")) && FhirJson.text(node, "id") != null && (!type.hasSubject() || subject(node) != null)
                        ? Optional.of(node) : Optional.empty();
            }
            catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private String subject(ObjectNode node)
        {
            return FhirJson.referenceId(node.get("subject"), "Patient").orElse(null);
        }
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

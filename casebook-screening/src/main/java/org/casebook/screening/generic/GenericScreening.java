package org.casebook.screening.generic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.io.OutputFolder;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.output.CaseFiles;
import org.casebook.screening.output.ScreeningFiles;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

import static java.util.Objects.requireNonNull;

/**
 * The screening engine for any protocol (docs/screening.md, "Any protocol"): reads the export
 * into per-patient facts, decides each patient with {@link GenericRules}, extracts the included
 * cases with {@link GenericExtractor}, and writes the outputs atomically.
 */
public final class GenericScreening
{
    public static final List<String> SCREENING_COLUMNS = ScreeningFiles.SCREENING_COLUMNS;

    private final StudyProtocol protocol;
    private final GenericRules rules;
    private final GenericExtractor extractor;
    private final boolean strict;
    private SpillLimit spillLimit = SpillLimit.fromHeap();

    /** What a run found: every candidate (included in case order, then excluded by patient id), the cases in case order, the counts. */
    public record Result(List<GenericDecision> candidates, List<GenericCase> cases, GenericFlow flow)
    {
        public Result
        {
            candidates = List.copyOf(candidates);
            cases = List.copyOf(cases);
            requireNonNull(flow, "flow is null");
        }
    }

    /** What a run into an output folder found: the counts (flow.json's) and the number of included patients; the rest is in the folder. */
    public record Screened(GenericFlow flow, long included)
    {
        public Screened
        {
            requireNonNull(flow, "flow is null");
        }
    }

    /**
     * @param excludedConditionVerification the protocol's {@code extraction.excluded_condition_verification}, or null for the default
     * @param excludedMedicationStatuses the protocol's {@code extraction.excluded_medication_statuses}, or null for the default
     */
    public GenericScreening(StudyProtocol protocol, Set<String> excludedConditionVerification, Set<String> excludedMedicationStatuses, boolean strict)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        RecordMatcher matcher = new RecordMatcher(protocol,
                excludedConditionVerification == null ? RecordMatcher.DEFAULT_EXCLUDED_CONDITION_VERIFICATION : Set.copyOf(excludedConditionVerification),
                excludedMedicationStatuses == null ? RecordMatcher.DEFAULT_EXCLUDED_MEDICATION_STATUSES : Set.copyOf(excludedMedicationStatuses));
        this.rules = new GenericRules(protocol, matcher);
        this.extractor = new GenericExtractor(protocol, matcher);
        this.strict = strict;
    }

    /**
     * The screening of a built-in protocol's name or a protocol file, with the records that never
     * count from its {@code extraction} block (the defaults when it has none).
     *
     * @throws CasebookException when the protocol cannot be read or has a mistake (located: file, line, key)
     */
    public static GenericScreening forProtocol(String nameOrPath, boolean strict)
    {
        org.casebook.io.StepClock.mark("protocol start");
        StudyProtocol protocol = Protocols.load(nameOrPath);
        boolean builtIn = Protocols.builtInNames().contains(nameOrPath);
        YamlNode root = YamlDocuments.parse(builtIn ? nameOrPath + "/protocol.yaml" : nameOrPath, protocolText(nameOrPath, builtIn));
        GenericScreening screening = new GenericScreening(protocol, textSet(root, "excluded_condition_verification"), textSet(root, "excluded_medication_statuses"), strict);
        org.casebook.io.StepClock.mark("protocol read");
        return screening;
    }

    /** A list under {@code extraction} (the protocol reader has checked the block), or null when the protocol does not set it: the default applies. */
    private static Set<String> textSet(YamlNode root, String key)
    {
        if (!root.has("extraction") || !root.child("extraction").has(key)) {
            return null;
        }
        return Set.copyOf(root.child("extraction").textList(key));
    }

    private static String protocolText(String nameOrPath, boolean builtIn)
    {
        if (builtIn) {
            return Protocols.builtInFile(nameOrPath, "protocol.yaml").orElseThrow();
        }
        try {
            return Files.readString(Path.of(nameOrPath), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    public StudyProtocol protocol()
    {
        return protocol;
    }

    /** How many records reading holds in memory before it spills them to disk (default {@link SpillLimit#fromHeap()}); this screening, for chaining. */
    public GenericScreening spillAfter(SpillLimit limit)
    {
        this.spillLimit = requireNonNull(limit, "limit is null");
        return this;
    }

    /** Reads a FHIR bulk export, decides and extracts; skipped lines go to {@code skipped} (skipped.csv with its header). */
    public Result run(Path extract, Writer skipped)
            throws IOException
    {
        return run(RecordSource.fhir(extract), skipped);
    }

    /** Reads the source, decides and extracts; skipped rows go to {@code skipped} (skipped.csv with its header). */
    public Result run(RecordSource source, Writer skipped)
            throws IOException
    {
        return run(source, skipped, null);
    }

    /**
     * As {@link #run(RecordSource, Writer)}, with the records spilled past the {@link #spillAfter} limit
     * written under {@code spillParent} (null: {@code java.io.tmpdir}) and deleted before it returns or fails.
     */
    public Result run(RecordSource source, Writer skipped, Path spillParent)
            throws IOException
    {
        GenericFlow flow = new GenericFlow();
        List<GenericDecision> decisions = new ArrayList<>();
        Map<String, GenericCase> cases = new java.util.HashMap<>();
        decideEach(source, skipped, spillParent, flow, (decision, extracted) -> {
            decisions.add(decision);
            if (extracted != null) {
                cases.put(decision.patientId(), extracted);
            }
        });
        return result(decisions, cases, flow);
    }

    /** Reads the source and hands each candidate's decision over with its case values (null unless included), in patient id order. */
    private void decideEach(RecordSource source, Writer skipped, Path spillParent, GenericFlow flow,
            java.util.function.BiConsumer<GenericDecision, GenericCase> candidate)
            throws IOException
    {
        // The rules decide on the criteria's kinds alone, so a source may read the other kinds for the included patients only.
        try (Patients patients = source.patients(strict, skipped, flow, keep(), protocol, patient -> rules.decide(patient).isIncluded(), spillLimit, spillParent)) {
            // Decided (and extracted) on every core, handed over in patient id order; a patient's records are dropped once it is.
            PatientsInOrder.forEach(patients, patient -> {
                GenericDecision decision = rules.decide(patient);
                return decision.isCandidate() ? new Decided(decision, decision.isIncluded() ? extractor.extract(patient, decision) : null) : null;
            }, decided -> candidate.accept(decided.decision(), decided.extracted()), Runtime.getRuntime().availableProcessors());
        }
    }

    /** A candidate's decision and, when included, its case values. */
    private record Decided(GenericDecision decision, GenericCase extracted) {}

    /** The records worth keeping once read (the others are counted, then dropped): what any input format is given. */
    public java.util.function.Predicate<GenericRecord> keep()
    {
        return RecordMatcher.mayMatter(protocol, rules.matcher());
    }

    /** One patient's decision: what an engine that groups patients elsewhere (casebook-spark) runs per patient. */
    public GenericDecision decide(GenericPatient patient)
    {
        return rules.decide(patient);
    }

    /** An included patient's case values. */
    public GenericCase extract(GenericPatient patient, GenericDecision decision)
    {
        return extractor.extract(patient, decision);
    }

    /**
     * The run's result from the candidates' decisions (in any order) and the included patients'
     * cases by patient id: ordered as the log is written, with the flow's criterion counts added to {@code flow}.
     */
    public Result result(java.util.Collection<GenericDecision> candidates, Map<String, GenericCase> casesByPatient, GenericFlow flow)
    {
        List<GenericDecision> decisions = List.copyOf(candidates);
        List<GenericDecision> included = decisions.stream().filter(GenericDecision::isIncluded)
                .sorted(Comparator.comparing(GenericDecision::dayZero).thenComparing(GenericDecision::patientId))
                .toList();
        List<GenericDecision> excluded = decisions.stream().filter(decision -> !decision.isIncluded())
                .sorted(Comparator.comparing(GenericDecision::patientId))
                .toList();
        List<GenericDecision> ordered = new ArrayList<>(included);
        ordered.addAll(excluded);
        List<GenericCase> cases = new ArrayList<>();
        for (GenericDecision decision : included) {
            cases.add(requireNonNull(casesByPatient.get(decision.patientId()), "no case for included patient " + decision.patientId()));
        }
        List<String> ids = rules.criterionIds();
        flow.startCriteria(ids);
        decisions.forEach(decision -> flow.countCandidate(ids, decision));
        return new Result(ordered, cases, flow);
    }

    /**
     * Screens into {@code out}, written atomically ({@link OutputFolder}: a hidden folder beside it,
     * moved into place at the end).
     *
     * @throws CasebookException when {@code out} exists and is not an empty folder, or the extract is unreadable
     */
    public Screened screen(Path extract, Path out)
            throws IOException
    {
        return screen(RecordSource.fhir(extract), out);
    }

    /**
     * Screens the source into {@code out}, written atomically as {@link #screen(Path, Path)}.
     *
     * @throws CasebookException when {@code out} exists and is not an empty folder, or the source is unreadable
     */
    public Screened screen(RecordSource source, Path out)
            throws IOException
    {
        return screen(source, out, (decision, extracted) -> {});
    }

    /**
     * As {@link #screen(RecordSource, Path)}, handing each candidate's decision and case values
     * (null unless included) to {@code eachCandidate} as it is made, in patient id order.
     */
    public Screened screen(RecordSource source, Path out, java.util.function.BiConsumer<GenericDecision, GenericCase> eachCandidate)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out)) {
            Path temporary = folder.temporary();
            GenericFlow flow = new GenericFlow();
            List<String> ids = rules.criterionIds();
            flow.startCriteria(ids);
            long[] included = {0};
            // The log's rows and case lines past the limit go under the partial folder too, and are gone before it is moved into place.
            try (Writer skipped = Files.newBufferedWriter(temporary.resolve("skipped.csv"), StandardCharsets.UTF_8);
                    CandidateLog log = new CandidateLog(new CaseFiles(protocol), spillLimit.logBytes(), temporary)) {
                // Spill files under the partial folder: removed before it is moved into place, and with it when a killed run's is cleaned.
                decideEach(source, skipped, temporary, flow, (decision, extracted) -> {
                    flow.countCandidate(ids, decision);
                    included[0] += decision.isIncluded() ? 1 : 0;
                    log.add(decision, extracted);
                    eachCandidate.accept(decision, extracted);
                });
                org.casebook.io.StepClock.mark("decided and extracted");
                log.writeInto(temporary);
            }
            writeFlow(flow, temporary);
            folder.commit();
            org.casebook.io.StepClock.mark("written");
            return new Screened(flow, included[0]);
        }
    }

    /** Writes the outputs but skipped.csv into {@code folder} (an engine's temporary output folder). */
    public void write(Result result, Path folder)
            throws IOException
    {
        Map<String, GenericCase> cases = new java.util.HashMap<>();
        result.cases().forEach(extracted -> cases.put(extracted.patientId(), extracted));
        try (CandidateLog log = new CandidateLog(new CaseFiles(protocol), Long.MAX_VALUE, folder)) {
            for (GenericDecision decision : result.candidates()) {
                log.add(decision, decision.isIncluded() ? cases.get(decision.patientId()) : null);
            }
            log.writeInto(folder);
        }
        writeFlow(result.flow(), folder);
    }

    /** flow.json and flow.svg. */
    private void writeFlow(GenericFlow flow, Path folder)
            throws IOException
    {
        ScreeningFiles.Counts counts = new ScreeningFiles.Counts(flow.patientsInExtract, flow.withIndexEvent, flow.afterCriterion, flow.excludedByReason,
                flow.resourcesRead, flow.resourcesIgnored, flow.linesSkipped, flow.linesPassedOver, flow.referencesMissing);
        List<String> ids = rules.criterionIds();
        ScreeningFiles.writeFlowJson(folder.resolve("flow.json"), protocol.id(), protocol.sha256(), ids, counts);
        boolean admission = protocol.eligibility().get(0).kind().equals("encounter");
        List<String> descriptions = protocol.eligibility().stream().map(criterion -> criterion.description()).toList();
        Files.writeString(folder.resolve("flow.svg"), ScreeningFiles.svg(counts, ids, descriptions, admission), StandardCharsets.UTF_8);
    }

    static List<CaseFiles.Source> sources(List<RecordRef> sources)
    {
        return sources.stream().map(GenericScreening::source).toList();
    }

    static CaseFiles.Source source(RecordRef source)
    {
        return new CaseFiles.Source(source.resourceType(), source.id(), source.file(), source.line());
    }
}

package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.DerivedValue;
import org.casebook.screening.output.CaseFiles;
import org.casebook.schema.CaseCheck;
import org.casebook.schema.CaseSchema;
import org.casebook.screening.synth.generic.ReferenceScreening.Outcome;
import org.casebook.screening.synth.generic.ReferenceScreening.Value;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldParser;

/**
 * The screening result the planted patients must get, kept for candidates only and written as
 * screening writes it: {@code screening.csv} (the log's first six columns: included rows in case
 * order, then excluded rows by patient id) and {@code cases/} (by screening's own {@link CaseFiles}
 * writer, provenance.csv included).
 */
final class ExpectedFiles
{
    private final StudyProtocol protocol;
    private final List<Candidate> included = new ArrayList<>();
    private final List<Candidate> excluded = new ArrayList<>();

    private record Candidate(String patientId, Outcome outcome) {}

    ExpectedFiles(StudyProtocol protocol)
    {
        this.protocol = protocol;
    }

    void add(String patientId, Outcome outcome)
    {
        switch (outcome.status()) {
            case "included" -> included.add(new Candidate(patientId, outcome));
            case "excluded" -> excluded.add(new Candidate(patientId, outcome));
            default -> {
            }
        }
    }

    int included()
    {
        return included.size();
    }

    int candidates()
    {
        return included.size() + excluded.size();
    }

    void write(Path folder)
            throws IOException
    {
        List<Candidate> cases = included.stream()
                .sorted(Comparator.comparing((Candidate candidate) -> candidate.outcome().dayZero()).thenComparing(Candidate::patientId))
                .toList();
        try (Writer screening = Files.newBufferedWriter(folder.resolve("screening.csv"), StandardCharsets.UTF_8)) {
            screening.write("case_no,patient_id,status,day0,encounter_id,reason\n");
            int caseNumber = 0;
            for (Candidate candidate : cases) {
                screening.write(++caseNumber + "," + candidate.patientId() + ",included," + candidate.outcome().dayZero() + "," + candidate.outcome().index().id + ",\n");
            }
            for (Candidate candidate : excluded.stream().sorted(Comparator.comparing(Candidate::patientId)).toList()) {
                screening.write("," + candidate.patientId() + ",excluded,," + candidate.outcome().index().id + "," + candidate.outcome().reason() + "\n");
            }
        }
        writeCases(cases, folder.resolve("cases"));
    }

    private void writeCases(List<Candidate> cases, Path folder)
            throws IOException
    {
        CaseSchema schema = protocol.caseSchema();
        List<CaseFiles.Case> rows = new ArrayList<>();
        for (Candidate candidate : cases) {
            Outcome outcome = candidate.outcome();
            String patientId = candidate.patientId();
            Map<String, String> texts = new LinkedHashMap<>(ReferenceScreening.texts(outcome.values()));
            Map<String, List<PlantedRecord>> sources = new LinkedHashMap<>();
            outcome.values().stream().filter(value -> value.field() != null).forEach(value -> sources.put(value.field(), value.sources()));
            // day 0's field (and its fallback) without a rule of its own holds day 0 (the index date), from the index record;
            // with a fallback and day 0 on the index event itself, the fallback alone (it gives the same day)
            for (String name : dayZeroFields(schema)) {
                if (schema.findField(name).isPresent() && protocol.extract().stream().noneMatch(rule -> name.equals(rule.field()))) {
                    texts.put(name, (name.equals(schema.dayZeroField()) ? outcome.dayZero() : outcome.index().day).toString());
                    sources.put(name, List.of(outcome.index()));
                }
            }
            CaseCheck check = schema.check(texts);
            Map<String, CaseFiles.Field> fields = new LinkedHashMap<>();
            for (CaseField field : schema.fields()) {
                Object value = check.values().get(field.name());
                if (value != null) {
                    // a derived value (days_between) has no source record of its own
                    fields.put(field.name(), new CaseFiles.Field(FieldParser.format(value),
                            texts.containsKey(field.name()) ? sources(sources.getOrDefault(field.name(), List.of())) : List.of()));
                }
            }
            List<CaseFiles.Measured> measured = new ArrayList<>();
            for (Value value : measurementsInRuleOrder(outcome.values())) {
                String unit = protocol.findVariable(value.variable()).orElseThrow().unit();
                measured.add(new CaseFiles.Measured(value.timepoint(), value.variable(), value.number(), unit, value.date(), sources(value.sources())));
            }
            List<CaseFiles.Study> studies = outcome.values().stream()
                    .filter(Value::isCtStudy)
                    .map(value -> new CaseFiles.Study(value.timepoint(), value.date(), sources(value.sources()).get(0)))
                    .toList();
            rows.add(new CaseFiles.Case(patientId, fields, measured, studies));
        }
        new CaseFiles(protocol).write(rows, folder);
    }

    /** The measured values in the order of the extract rules: a ratio where its own rule stands, else where its numerator's does. */
    private List<Value> measurementsInRuleOrder(List<Value> values)
    {
        List<Value> ordered = new ArrayList<>();
        for (ExtractRule rule : protocol.extract()) {
            if (rule.variable() == null) {
                continue;
            }
            List<String> shown = new ArrayList<>(List.of(rule.variable()));
            for (DerivedValue derived : protocol.caseSchema().derived()) {
                boolean ownRule = protocol.extract().stream().anyMatch(other -> derived.name().equals(other.variable()) && rule.timepoint().equals(other.timepoint()));
                if (derived.kind() == DerivedValue.Kind.RATIO && derived.numerator().equals(rule.variable()) && !ownRule) {
                    shown.add(derived.name());
                }
            }
            for (String variable : shown) {
                values.stream()
                        .filter(value -> variable.equals(value.variable()) && rule.timepoint().equals(value.timepoint()) && !ordered.contains(value))
                        .findFirst()
                        .ifPresent(ordered::add);
            }
        }
        return ordered;
    }

    private static List<CaseFiles.Source> sources(List<PlantedRecord> records)
    {
        return records.stream().map(record -> new CaseFiles.Source(record.resourceType, record.id, record.file, record.line)).toList();
    }

    private List<String> dayZeroFields(CaseSchema schema)
    {
        if (schema.dayZeroFallback() == null) {
            return List.of(schema.dayZeroField());
        }
        return protocol.dayZero().criterion() == null ? List.of(schema.dayZeroFallback()) : List.of(schema.dayZeroField(), schema.dayZeroFallback());
    }
}

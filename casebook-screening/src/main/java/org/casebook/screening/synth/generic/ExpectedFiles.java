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

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseCheck;
import org.casebook.schema.CaseSchema;
import org.casebook.screening.synth.generic.ReferenceScreening.Outcome;
import org.casebook.screening.synth.generic.ReferenceScreening.Value;
import org.casebook.workbook.WorkbookWriter;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldParser;
import java.math.BigDecimal;

/**
 * The screening result the planted patients must get, kept for candidates only and written as
 * screening writes it: {@code screening.csv} (the log's first six columns: included rows in case
 * order, then excluded rows by patient id) and {@code cases/} (by {@link WorkbookWriter} with the
 * protocol's schema, plus {@code provenance.csv}).
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
        List<CaseRecord> records = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<String> provenance = new ArrayList<>();
        for (Candidate candidate : cases) {
            Outcome outcome = candidate.outcome();
            String patientId = candidate.patientId();
            Map<String, String> texts = new LinkedHashMap<>(ReferenceScreening.texts(outcome.values()));
            Map<String, List<PlantedRecord>> sources = new LinkedHashMap<>();
            outcome.values().stream().filter(value -> value.field() != null).forEach(value -> sources.put(value.field(), value.sources()));
            // day 0's field (and its fallback) without a rule of its own holds day 0 (the index date), from the index record
            for (String name : dayZeroFields(schema)) {
                if (schema.findField(name).isPresent() && protocol.extract().stream().noneMatch(rule -> name.equals(rule.field()))) {
                    texts.put(name, (name.equals(schema.dayZeroField()) ? outcome.dayZero() : outcome.index().day).toString());
                    sources.put(name, List.of(outcome.index()));
                }
            }
            CaseCheck check = schema.check(texts);
            records.add(CaseRecords.of(patientId, schema, check.values(), new SourceRef(outcome.index().reference())));
            for (CaseField field : schema.fields()) {
                Object value = check.values().get(field.name());
                if (value != null && texts.containsKey(field.name())) {
                    provenance(provenance, patientId, field.name(), "", FieldParser.format(value), sources.getOrDefault(field.name(), List.of()));
                }
            }
            List<Value> measured = new ArrayList<>();
            for (TimePoint timepoint : protocol.timepoints()) {
                for (VariableSpec variable : protocol.variables()) {
                    outcome.values().stream()
                            .filter(value -> variable.name().equals(value.variable()) && timepoint.name().equals(value.timepoint()))
                            .findFirst()
                            .ifPresent(measured::add);
                }
            }
            for (Value value : measured) {
                String unit = protocol.findVariable(value.variable()).orElseThrow().unit();
                double number = value.number().doubleValue();
                measurements.add(new Measurement(patientId, value.timepoint(), value.variable(), number, unit, value.date(),
                        new SourceRef(String.join(";", value.sources().stream().map(PlantedRecord::reference).toList()))));
                provenance(provenance, patientId, value.variable(), value.timepoint(), FieldParser.format(BigDecimal.valueOf(number).stripTrailingZeros()), value.sources());
            }
        }
        new WorkbookWriter(schema).writeCsvFolder(new CaseWorkbook(records, measurements, List.of(), List.of(), List.of(), List.of()), folder);
        try (Writer out = Files.newBufferedWriter(folder.resolve("provenance.csv"), StandardCharsets.UTF_8)) {
            out.write("patient_id,field,timepoint,value,resource_type,resource_id,file,line\n");
            for (String line : provenance) {
                out.write(line + "\n");
            }
        }
    }

    private static List<String> dayZeroFields(CaseSchema schema)
    {
        return schema.dayZeroFallback() == null ? List.of(schema.dayZeroField()) : List.of(schema.dayZeroField(), schema.dayZeroFallback());
    }

    private static void provenance(List<String> rows, String patientId, String field, String timepoint, String value, List<PlantedRecord> sources)
    {
        for (PlantedRecord source : sources) {
            rows.add(String.join(",", patientId, field, timepoint, value, source.resourceType, source.id, source.file, Long.toString(source.line)));
        }
    }
}

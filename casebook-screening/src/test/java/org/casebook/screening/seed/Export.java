package org.casebook.screening.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.Protocols;
import org.casebook.screening.generic.GenericCase;
import org.casebook.screening.generic.GenericDecision;
import org.casebook.screening.generic.GenericScreening;

/**
 * A small hand-written bulk export for specification tests: resources are written as JSON with
 * single quotes ({@code {'id':'p1'}}) for readability and turned into real NDJSON lines, then
 * screened by the real engine with the built-in seed protocol (byte pre-filter, streaming parser,
 * rules, output writer): these records are the seed study's tricky ones, and screening them must
 * stay exact.
 */
final class Export
{
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";
    static final String LOINC = "http://loinc.org";

    private final Path root;
    private final Map<String, List<String>> files = new LinkedHashMap<>();
    private final Map<String, byte[]> rawFiles = new LinkedHashMap<>();

    Export(Path root)
    {
        this.root = root;
    }

    /** JSON written with single quotes, as a real JSON line. */
    static String q(String singleQuoted)
    {
        return singleQuoted.replace('\'', '"');
    }

    /** Adds resources (single-quoted JSON) to a file, one per line. */
    Export add(String file, String... resources)
    {
        List<String> lines = files.computeIfAbsent(file, name -> new ArrayList<>());
        for (String resource : resources) {
            lines.add(q(resource));
        }
        return this;
    }

    /** A file written exactly as given (bytes), e.g. with CRLF or without a final newline. */
    Export raw(String file, byte[] bytes)
    {
        rawFiles.put(file, bytes);
        return this;
    }

    Export raw(String file, String text)
    {
        return raw(file, text.getBytes(StandardCharsets.UTF_8));
    }

    // --- resources ----------------------------------------------------------------------------

    static String subject(String patient)
    {
        return "'subject':{'reference':'Patient/" + patient + "'}";
    }

    static String coding(String system, String code)
    {
        return "{'coding':[{'system':'" + system + "','code':'" + code + "'}]}";
    }

    static String patient(String id)
    {
        return "{'resourceType':'Patient','id':'" + id + "','gender':'female','birthDate':'1950-06-15'}";
    }

    /** An inpatient ILD admission (reasonCode J84.10), class IMP; {@code end} null for an open one. */
    static String admission(String id, String patient, String start, String end)
    {
        String period = "{'start':'" + start + "'" + (end == null ? "" : ",'end':'" + end + "'") + "}";
        return "{'resourceType':'Encounter','id':'" + id + "','status':'finished','class':{'system':'http://terminology.hl7.org/CodeSystem/v3-ActCode','code':'IMP'},"
                + subject(patient) + ",'period':" + period + ",'reasonCode':[" + coding(ICD10, "J84.10") + "]}";
    }

    static String ra(String id, String patient, String onset)
    {
        return "{'resourceType':'Condition','id':'" + id + "'," + subject(patient) + ",'code':" + coding(SNOMED, "69896004") + ",'onsetDateTime':'" + onset + "'}";
    }

    static String mpsl(String id, String patient, String date)
    {
        return "{'resourceType':'MedicationAdministration','id':'" + id + "','status':'completed'," + subject(patient)
                + ",'medicationCodeableConcept':" + coding(RXNORM, "6902") + ",'effectiveDateTime':'" + date + "','dosage':{'dose':{'value':125,'unit':'mg'}}}";
    }

    static String jak(String id, String patient, String authoredOn)
    {
        return "{'resourceType':'MedicationRequest','id':'" + id + "','status':'active','intent':'order'," + subject(patient)
                + ",'medicationCodeableConcept':" + coding(RXNORM, "2196092") + ",'authoredOn':'" + authoredOn + "'}";
    }

    /** A patient eligible at an admission from {@code day0} to {@code end} (ILD, RA 2016, methylprednisolone and upadacitinib on day 0). */
    Export eligible(String patient, String day0, String end)
    {
        return add("Patient.ndjson", patient(patient))
                .add("Encounter.ndjson", admission("e-" + patient, patient, day0, end))
                .add("Condition.ndjson", ra("ra-" + patient, patient, "2016"))
                .add("MedicationAdministration.ndjson", mpsl("mp-" + patient, patient, day0.substring(0, 10)))
                .add("MedicationRequest.ndjson", jak("jak-" + patient, patient, day0.substring(0, 10)));
    }

    /** The same patient without the JAK inhibitor request. */
    Export withoutJak(String patient, String day0, String end)
    {
        return add("Patient.ndjson", patient(patient))
                .add("Encounter.ndjson", admission("e-" + patient, patient, day0, end))
                .add("Condition.ndjson", ra("ra-" + patient, patient, "2016"))
                .add("MedicationAdministration.ndjson", mpsl("mp-" + patient, patient, day0.substring(0, 10)));
    }

    // --- running ------------------------------------------------------------------------------

    Run screen()
            throws IOException
    {
        return screen(false);
    }

    Run screen(boolean strict)
            throws IOException
    {
        Path folder = write();
        Path out = root.resolve("out-" + System.nanoTime());
        GenericScreening screening = GenericScreening.forProtocol(Protocols.SEED, strict);
        List<GenericDecision> decisions = new java.util.ArrayList<>();
        Map<String, GenericCase> cases = new java.util.HashMap<>();
        GenericScreening.Screened screened = screening.screen(org.casebook.screening.generic.RecordSource.fhir(folder), out, (decision, extracted) -> {
            decisions.add(decision);
            if (extracted != null) {
                cases.put(decision.patientId(), extracted);
            }
        });
        return new Run(screening.result(decisions, cases, screened.flow()), out);
    }

    Path write()
            throws IOException
    {
        Path folder = Files.createDirectories(root.resolve("extract"));
        for (Map.Entry<String, List<String>> file : files.entrySet()) {
            byte[] bytes = (String.join("\n", file.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
            if (file.getKey().endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(file.getKey())))) {
                    out.write(bytes);
                }
            }
            else {
                Files.write(folder.resolve(file.getKey()), bytes);
            }
        }
        for (Map.Entry<String, byte[]> file : rawFiles.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        return folder;
    }

    /** One screening run's result and output folder. */
    record Run(GenericScreening.Result result, Path out)
    {
        List<String> log()
        {
            return lines("screening.csv");
        }

        List<String> lines(String file)
        {
            try {
                return Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The six issue columns of a patient's row in screening.csv, or empty. */
        Optional<String> row(String patient)
        {
            return log().stream().skip(1).filter(line -> line.split(",", -1)[1].equals(patient))
                    .map(line -> String.join(",", java.util.Arrays.asList(line.split(",", -1)).subList(0, 6)))
                    .findFirst();
        }

        Optional<GenericDecision> decision(String patient)
        {
            return result.candidates().stream().filter(decision -> decision.patientId().equals(patient)).findFirst();
        }

        /** The patients included, in case order. */
        List<String> included()
        {
            return result.candidates().stream().filter(GenericDecision::isIncluded).map(GenericDecision::patientId).toList();
        }

        GenericCase extracted(String patient)
        {
            return result.cases().stream().filter(c -> c.patientId().equals(patient)).findFirst()
                    .orElseThrow(() -> new AssertionError("no case for " + patient + "; log: " + log()));
        }

        /** A case field's cell text; empty when screening found nothing for it. */
        Optional<String> field(String patient, String name)
        {
            return Optional.ofNullable(extracted(patient).fields().get(name)).map(GenericCase.Value::text);
        }

        Optional<GenericCase.Measured> measurement(String patient, String timepoint, String variable)
        {
            return extracted(patient).measurements().stream().filter(m -> m.timepoint().equals(timepoint) && m.variable().equals(variable)).findFirst();
        }

        Optional<String> pf(String patient, String timepoint)
        {
            return measurement(patient, timepoint, "pf_ratio").map(m -> m.value().toPlainString() + "@" + m.date());
        }

        Optional<String> fvc(String patient, String timepoint)
        {
            return measurement(patient, timepoint, "fvc_percent_predicted").map(m -> m.value().toPlainString() + "@" + m.date());
        }

        /** The CT study of a time point: its ImagingStudy id. */
        Optional<String> ct(String patient, String timepoint)
        {
            return extracted(patient).ctStudies().stream().filter(study -> study.timepoint().equals(timepoint)).findFirst().map(study -> study.source().id());
        }

        JsonNode flow()
        {
            try {
                return new ObjectMapper().readTree(out.resolve("flow.json").toFile());
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

package org.casebook.screening.omop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same synthetic hospital screened from its FHIR export and from its OMOP rendering
 * ({@link OmopWriter}) gives the same screening log, flow counts and case values. Differences the
 * format forces, and only those, are translated before comparing:
 * <ul>
 * <li>identifiers: person_id for the patient id and {@code table/row id} for {@code Type/id}
 * (mapped back through what the writer wrote);</li>
 * <li>provenance.csv's file and line (a table file and its line, not an NDJSON file);</li>
 * <li>flow.json's {@code resources_read} and {@code resources_ignored} (tables, not FHIR types), and
 * {@code lines_passed_over_unparsed} (FHIR lines of patients who cannot be candidates, passed over unparsed).</li>
 * </ul>
 */
class FhirOmopEquivalenceTest
{
    private static final Pattern REFERENCE = Pattern.compile("(person|visit_occurrence|condition_occurrence|drug_exposure|measurement|procedure_occurrence|device_exposure)/(\\d+)");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}, seed {1}, {2} patients")
    @CsvSource({"dm-ild-tofacitinib, 3, 400", "dm-ild-tofacitinib, 17, 1100", "ild-lung-resection, 5, 500", "ild-lung-resection, 23, 900"})
    void fhirAndOmopRenderingsOfTheSameHospitalScreenIdentically(String protocol, long seed, int patients)
            throws IOException
    {
        Path fhir = temp.resolve("fhir");
        GenericHospital.load(protocol, seed, patients, false).write(fhir, ProgressListener.NONE);
        Path omop = temp.resolve("omop");
        OmopWriter.Written written = OmopWriter.fromFhir(fhir, omop);

        Path fromFhir = temp.resolve("from-fhir");
        Path fromOmop = temp.resolve("from-omop");
        ScreeningEngine.forProtocol(protocol, false).screen(fhir, fromFhir);
        ScreeningEngine.forProtocol(protocol, true).screen(OmopSource.of(omop), fromOmop);

        assertThat(lines(fromOmop.resolve("skipped.csv"))).containsExactly("file,line,reason,detail");
        List<String> fhirLog = lines(fromFhir.resolve("screening.csv"));
        assertThat(fhirLog).hasSizeGreaterThan(10);
        assertThat(translated(lines(fromOmop.resolve("screening.csv")), written)).containsExactlyElementsOf(fhirLog);
        assertThat(screeningCounts(fromOmop.resolve("flow.json"))).isEqualTo(screeningCounts(fromFhir.resolve("flow.json")));
        List<String> caseFiles = names(fromFhir.resolve("cases"));
        assertThat(names(fromOmop.resolve("cases"))).isEqualTo(caseFiles);
        for (String name : caseFiles) {
            List<String> expected = lines(fromFhir.resolve("cases").resolve(name));
            List<String> actual = lines(fromOmop.resolve("cases").resolve(name));
            if (name.equals("provenance.csv")) {
                expected = withoutFileAndLine(expected);
                // the FHIR reference back into resource_type,resource_id
                actual = translated(withResourceAsReference(withoutFileAndLine(actual)), written).stream()
                        .map(line -> line.replaceFirst(",([A-Za-z]+)/([^,/]+)$", ",$1,$2")).toList();
            }
            else {
                actual = translated(actual, written);
            }
            assertThat(actual).as(name).containsExactlyElementsOf(expected);
        }
    }

    /** flow.json without the counts that name FHIR types or OMOP tables. */
    private static JsonNode screeningCounts(Path flow)
            throws IOException
    {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(flow.toFile());
        node.remove(List.of("resources_read", "resources_ignored", "lines_passed_over_unparsed"));
        return node;
    }

    /** Each OMOP identifier replaced by the FHIR one it was written for: person and row ids as whole CSV cells, row references anywhere. */
    static List<String> translated(List<String> lines, OmopWriter.Written written)
    {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.split(",", -1)) {
                cells.add(written.patientIds().getOrDefault(cell, written.ids().getOrDefault(cell, cell)));
            }
            Matcher matcher = REFERENCE.matcher(String.join(",", cells));
            StringBuilder translated = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(translated, Matcher.quoteReplacement(written.references().getOrDefault(matcher.group(), matcher.group())));
            }
            matcher.appendTail(translated);
            result.add(translated.toString());
        }
        return result;
    }

    /** provenance.csv's resource_type and resource_id as one {@code table/id} cell, to be translated (then split again). */
    private static List<String> withResourceAsReference(List<String> lines)
    {
        List<String> result = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            int lastComma = line.lastIndexOf(',');
            result.add(line.substring(0, lastComma) + "/" + line.substring(lastComma + 1));
        }
        return result;
    }

    /** provenance.csv's columns but file and line (the last two). */
    private static List<String> withoutFileAndLine(List<String> lines)
    {
        return lines.stream().map(line -> {
            List<String> cells = List.of(line.split(",", -1));
            return String.join(",", cells.subList(0, cells.size() - 2));
        }).toList();
    }

    private static List<String> names(Path folder)
            throws IOException
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> lines(Path file)
            throws IOException
    {
        return Files.readAllLines(file);
    }
}

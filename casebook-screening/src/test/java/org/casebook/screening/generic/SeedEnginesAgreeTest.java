package org.casebook.screening.generic;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.protocol.Protocols;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.SyntheticHospital;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the seed's own engine exists: the generic engine, run on the seed protocol's criteria and
 * {@code extract} rules, screens and extracts the seed's synthetic hospitals (every planted near
 * miss included) exactly as the seed engine does from the legacy {@code extraction} block: the same
 * screening log, flow diagram and case files (case values, measurements, CT studies, provenance),
 * byte for byte, and the same patient counts in flow.json, whose reading counts (lines parsed,
 * passed over, ignored) tell how each engine read the export (docs/screening.md).
 */
class SeedEnginesAgreeTest
{
    @TempDir
    Path temp;

    @ParameterizedTest(name = "seed {0}, {1} patients, gzip {2}")
    @CsvSource({"1, 1000, false", "2, 1000, false", "7, 1400, true", "13, 700, false", "29, 2100, false"})
    void theGenericEngineExtractsTheSeedStudyAsTheSeedEngineDoes(long seed, int patients, boolean gzip)
            throws IOException
    {
        Path extract = temp.resolve("extract");
        new SyntheticHospital(seed, patients, gzip).write(extract, ProgressListener.NONE);
        Path seedOut = temp.resolve("seed");
        assertThat(ScreeningEngine.forProtocol(Protocols.SEED, true, ProgressListener.NONE).screen(extract, seedOut).engine()).isEqualTo("seed");
        Path genericOut = temp.resolve("generic");
        new GenericScreening(Protocols.builtIn(Protocols.SEED), null, null, true).screen(extract, genericOut);
        String keep = System.getProperty("casebook.keepSeedComparison");
        if (keep != null) {
            copy(seedOut, Path.of(keep, seed + "/seed"));
            copy(genericOut, Path.of(keep, seed + "/generic"));
        }

        List<String> seedLog = Files.readAllLines(seedOut.resolve("screening.csv"));
        assertThat(seedLog.stream().filter(line -> line.contains(",included,")).count()).isGreaterThan(10);
        for (String name : List.of("screening.csv", "skipped.csv", "flow.svg", "cases/cases.csv", "cases/measurements.csv", "cases/ct_studies.csv",
                "cases/ct_reads.csv", "cases/provenance.csv")) {
            assertThat(Files.readString(genericOut.resolve(name))).as(name).isEqualTo(Files.readString(seedOut.resolve(name)));
        }
        assertThat(rows(seedOut.resolve("cases/measurements.csv"))).isNotEmpty();
        assertThat(rows(seedOut.resolve("cases/ct_studies.csv"))).isNotEmpty();
        // flow.json: the same counts of patients; the reading counts say how each engine read the export (docs/screening.md)
        ObjectNode seedFlow = (ObjectNode) new ObjectMapper().readTree(seedOut.resolve("flow.json").toFile());
        ObjectNode genericFlow = (ObjectNode) new ObjectMapper().readTree(genericOut.resolve("flow.json").toFile());
        for (ObjectNode flow : List.of(seedFlow, genericFlow)) {
            flow.remove(List.of("resources_read", "resources_ignored", "lines_passed_over_unparsed"));
        }
        assertThat(genericFlow).isEqualTo(seedFlow);
    }

    /** The rows of a CSV file as column → value, numbers written alike ({@code 304.0} as {@code 304}). */
    private static List<Map<String, String>> rows(Path file)
            throws IOException
    {
        return rows(file, null);
    }

    private static List<Map<String, String>> rows(Path file, List<String> columns)
            throws IOException
    {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : columns != null ? columns : parser.getHeaderNames()) {
                    row.put(column, number(record.get(column)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String number(String text)
    {
        if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return text;
        }
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private static void copy(Path from, Path to)
            throws IOException
    {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

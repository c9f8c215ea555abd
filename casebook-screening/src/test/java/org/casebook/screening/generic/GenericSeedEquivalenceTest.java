package org.casebook.screening.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.casebook.protocol.Protocols;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.SyntheticHospital;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed study's criteria written in the generic language (the seed protocol without its legacy
 * extraction rules, plus a few extract rules) screen the seed's synthetic hospital, with all its
 * planted near misses, exactly as the seed's optimized engine does: the same screening log,
 * evidence included, and the same admission, discharge, age, sex and death values.
 */
class GenericSeedEquivalenceTest
{
    @TempDir
    Path temp;

    @Test
    void theGenericEngineDecidesTheSeedStudyAsTheSeedEngineDoes()
            throws IOException
    {
        Path extract = temp.resolve("extract");
        new SyntheticHospital(7, 1000, true).write(extract, ProgressListener.NONE);
        Path seedOut = temp.resolve("seed");
        assertThat(ScreeningEngine.forProtocol(Protocols.SEED, true, ProgressListener.NONE).screen(extract, seedOut).engine()).isEqualTo("seed");

        Path protocol = genericSeedProtocol();
        ScreeningEngine generic = ScreeningEngine.forProtocol(protocol.toString(), true, ProgressListener.NONE);
        assertThat(generic.name()).isEqualTo("generic");
        Path genericOut = temp.resolve("generic");
        generic.screen(extract, genericOut);

        List<String> seedLog = Files.readAllLines(seedOut.resolve("screening.csv"));
        assertThat(seedLog.stream().filter(line -> line.contains(",included,")).count()).isGreaterThan(10);
        assertThat(Files.readAllLines(genericOut.resolve("screening.csv"))).containsExactlyElementsOf(seedLog);
        List<String> columns = List.of("patient_id", "admission_date", "discharge_date", "age", "sex", "death_date", "jaki_agent", "jaki_start_date");
        assertThat(select(genericOut.resolve("cases/cases.csv"), columns)).containsExactlyElementsOf(select(seedOut.resolve("cases/cases.csv"), columns));
    }

    /** The seed protocol with only the two never-counting lists left of its extraction block, and extract rules for a few fields. */
    private Path genericSeedProtocol()
            throws IOException
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        int from = text.indexOf("  ct:\n");
        int to = text.indexOf("# The cases sheet");
        assertThat(from).isPositive();
        text = text.substring(0, from) + "\n" + text.substring(to);
        // the protocol's own extract rules (all of the seed's values) are replaced by a few
        int rules = text.indexOf("\nextract:\n");
        text = text.substring(0, rules) + "\n" + text.substring(text.indexOf("\nct_score:\n") + 1) + """

                extract:
                  - {field: admission_date, value: admission_date}
                  - {field: discharge_date, value: discharge_date}
                  - {field: age, value: birth_age}
                  - {field: sex, value: sex}
                  - {field: death_date, value: death_date}
                  - {field: jaki_agent, criterion: jak_inhibitor, value: agent}
                  - {field: jaki_start_date, criterion: jak_inhibitor, value: date}
                """;
        Path folder = Files.createDirectories(temp.resolve("protocol/codesets"));
        Matcher codeSets = Pattern.compile("(codesets/[a-z0-9-]+\\.yaml)").matcher(text);
        while (codeSets.find()) {
            Files.writeString(folder.resolve(Path.of(codeSets.group(1)).getFileName().toString()), Protocols.builtInFile(Protocols.SEED, codeSets.group(1)).orElseThrow());
        }
        Path file = temp.resolve("protocol/protocol.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static List<String> select(Path csv, List<String> columns)
            throws IOException
    {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> selected = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = List.of(line.split(",", -1));
            selected.add(String.join(",", columns.stream().map(column -> cells.get(header.indexOf(column))).toList()));
        }
        return selected;
    }
}

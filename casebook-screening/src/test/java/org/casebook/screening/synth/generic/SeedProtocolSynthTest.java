package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed protocol's extract rules (CT studies per time point, record_of, any_of, record_date,
 * rule units, a dose filter, status_reason, last_record_date) planted by the generic generator:
 * the generic engine screens the hospital into the generator's expected files exactly.
 */
class SeedProtocolSynthTest
{
    @TempDir
    Path temp;

    @ParameterizedTest(name = "seed {0}, {1} patients")
    @CsvSource({"3, 700", "8, 1500"})
    void theGenericEngineGivesTheExpectedFilesOfTheSeedsRules(long seed, int patients)
            throws IOException
    {
        GenericHospitalScreeningTest.assertSynthThenScreenAgree(genericSeedProtocol(temp).toString(), seed, patients, seed % 2 == 0, temp);
    }

    /** The seed protocol as the generic engine runs it: its legacy extraction rules removed (the never-counting lists kept), every extract rule kept. */
    static Path genericSeedProtocol(Path temp)
            throws IOException
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        int from = text.indexOf("  ct:\n");
        int to = text.indexOf("# The cases sheet");
        assertThat(from).isPositive();
        text = text.substring(0, from) + "\n" + text.substring(to);
        Path folder = Files.createDirectories(temp.resolve("protocol/codesets"));
        Matcher codeSets = Pattern.compile("(codesets/[a-z0-9-]+\\.yaml)").matcher(text);
        while (codeSets.find()) {
            Files.writeString(folder.resolve(Path.of(codeSets.group(1)).getFileName().toString()), Protocols.builtInFile(Protocols.SEED, codeSets.group(1)).orElseThrow());
        }
        Path file = temp.resolve("protocol/protocol.yaml");
        Files.writeString(file, text);
        return file;
    }
}

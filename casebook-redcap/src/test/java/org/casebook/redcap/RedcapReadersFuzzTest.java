package org.casebook.redcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A small fuzz over the REDCap readers: a few hundred mutations (seeded, so a failure repeats) of
 * a valid dictionary, records file and mapping. Each import either succeeds or fails with a
 * message naming the file; no other exception escapes.
 */
class RedcapReadersFuzzTest
{
    private static final String NOISE = ",\"\n\r;|x1-.é漢\uFEFF\u0000 ";
    private static final List<String> FILES = List.of("dictionary.csv", "records.csv", "mapping.yaml");

    @Test
    void mutatedInputsImportOrFailWithALocatedMessage(@TempDir Path temp)
            throws IOException
    {
        Path valid = temp.resolve("valid");
        RedcapImportErrorsTest.exportSeedDemo(valid);
        Random random = new Random(20261205L);
        int failures = 0;
        int rounds = 300 * Integer.getInteger("casebook.fuzz.scale", 1);
        for (int round = 0; round < rounds; round++) {
            Path project = temp.resolve("round" + round);
            Files.createDirectories(project);
            String mutated = FILES.get(random.nextInt(FILES.size()));
            for (String file : FILES) {
                String text = Files.readString(valid.resolve(file));
                Files.writeString(project.resolve(file), file.equals(mutated) ? mutate(text, random) : text);
            }
            try {
                new RedcapImporter(RedcapImportErrorsTest.SEED).read(new RedcapImporter.Input(project.resolve("dictionary.csv"), project.resolve("records.csv"), null,
                        project.resolve("mapping.yaml")));
            }
            catch (CasebookException e) {
                failures++;
                assertThat(e.getMessage()).as("round %d, %s mutated", round, mutated).containsAnyOf(FILES.toArray(String[]::new));
            }
            catch (RuntimeException e) {
                fail("round " + round + " (" + mutated + " mutated) threw " + e, e);
            }
        }
        assertThat(failures).isBetween(1, rounds - 1);
    }

    private static String mutate(String text, Random random)
    {
        StringBuilder builder = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && builder.length() > 0; i++) {
            int at = random.nextInt(builder.length());
            switch (random.nextInt(5)) {
                case 0 -> builder.deleteCharAt(at);
                case 1 -> builder.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> builder.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 3 -> builder.setLength(at);
                default -> {
                    List<String> lines = new ArrayList<>(List.of(builder.toString().split("\n", -1)));
                    lines.add(random.nextInt(lines.size()), lines.get(random.nextInt(lines.size())));
                    builder.setLength(0);
                    builder.append(String.join("\n", lines));
                }
            }
        }
        return builder.toString();
    }
}

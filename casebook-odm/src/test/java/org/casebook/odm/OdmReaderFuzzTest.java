package org.casebook.odm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.casebook.error.CasebookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A fuzz over the ODM reader, as casebook-cli's ReaderFuzzTest does for the other readers: seeded
 * mutations (so a failure repeats) of a valid export with an audit trail, markup characters
 * among the noise. Each import either succeeds or fails with a message naming the file; no other
 * exception escapes, and nothing hangs. {@code -Dcasebook.fuzz.scale=N} runs N times as many.
 */
class OdmReaderFuzzTest
{
    private static final String NOISE = "<>&;\"'=/!?[]-\n\t x1.é漢\uFEFF\u0000#";
    private static final List<String> SNIPPETS = List.of("<!DOCTYPE ODM>", "&amp;", "&x;", "<ItemData ItemOID=\"I.CASE.age\" Value=\"1\"/>", "</ItemGroupData>",
            "<SubjectData SubjectKey=\"D01\">", "<![CDATA[x]]>", "<?pi x?>", "<!-- c -->", "xmlns=\"urn:x\"", "ItemGroupRepeatKey=\"1\"", "{\"row\":1}");

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutatedOdmFilesImportOrFailWithALocatedMessage(@TempDir Path temp)
            throws IOException
    {
        String valid = OdmImportErrorsTest.export(true);
        int rounds = 300 * Integer.getInteger("casebook.fuzz.scale", 1);
        Random random = new Random(20261205L);
        int failures = 0;
        for (int round = 0; round < rounds; round++) {
            Path file = temp.resolve("study.xml");
            Files.writeString(file, mutate(valid, random));
            try {
                new OdmImporter(OdmImportErrorsTest.PROTOCOL).read(file);
            }
            catch (CasebookException e) {
                failures++;
                assertThat(e.getMessage()).as("round %d", round).contains("study.xml");
            }
            catch (RuntimeException e) {
                Files.copy(file, temp.resolve("crash-" + round + ".xml"));
                fail("round " + round + " threw " + e, e);
            }
        }
        assertThat(failures).isBetween(1, rounds - 1);
    }

    private static String mutate(String text, Random random)
    {
        StringBuilder builder = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && builder.length() > 0; i++) {
            int at = random.nextInt(builder.length());
            switch (random.nextInt(6)) {
                case 0 -> builder.deleteCharAt(at);
                case 1 -> builder.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> builder.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 3 -> builder.insert(at, SNIPPETS.get(random.nextInt(SNIPPETS.size())));
                case 4 -> builder.setLength(at);
                default -> {
                    List<String> lines = new ArrayList<>(List.of(builder.toString().split("\n", -1)));
                    int from = random.nextInt(lines.size());
                    lines.add(random.nextInt(lines.size()), lines.get(from));
                    if (random.nextBoolean()) {
                        lines.remove(random.nextInt(lines.size()));
                    }
                    builder.setLength(0);
                    builder.append(String.join("\n", lines));
                }
            }
        }
        return builder.toString();
    }
}

package org.casebook.screening.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file read in pieces ({@link ExtractFile#pieces}, {@link ParallelFiles}) gives every line once,
 * with its number in the whole file, wherever the cuts fall: on a line feed, inside a CR LF, inside
 * a line longer than a piece, before a last line without a line feed.
 */
class FilePieceTest
{
    @TempDir
    Path temp;

    @Test
    void piecesGiveEveryLineOnceWithItsNumberInTheWholeFile()
            throws IOException
    {
        Random random = new Random(20261205);
        StringBuilder text = new StringBuilder("\uFEFF{\"first\":1}\n");
        for (int line = 0; line < 400; line++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append("\n");
                case 1 -> text.append("  \r\n");
                case 2 -> text.append("{\"long\":\"").append("x".repeat(random.nextInt(2000))).append("\"}\r\n");
                default -> text.append("{\"subject\":{\"reference\":\"Patient/p").append(random.nextInt(50)).append("\"},\"n\":").append(line).append("}\n");
            }
        }
        text.append("{\"last\":\"no line feed\"}");
        Path path = temp.resolve("Observation.ndjson");
        Files.writeString(path, text, StandardCharsets.UTF_8);
        ExtractFile whole = ExtractFile.list(temp).get(0);
        List<String> expected = lines(List.of(whole), false);
        List<String> expectedNaming = lines(List.of(whole), true);
        assertThat(expected.size()).isGreaterThan(200);
        assertThat(expected.get(0)).startsWith("1:{\"first\"");

        for (int count : new int[] {2, 3, 7, 64, 1000, (int) whole.size()}) {
            List<ExtractFile> pieces = whole.pieces(count);
            assertThat(pieces).hasSize(count);
            assertThat(pieces.stream().mapToLong(ExtractFile::size).sum()).isEqualTo(whole.size());
            assertThat(lines(pieces, false)).as("%d pieces", count).containsExactlyElementsOf(expected);
            assertThat(lines(pieces, true)).as("%d pieces, naming", count).containsExactlyElementsOf(expectedNaming);
        }
    }

    @Test
    void aPieceStartingOnALineFeedStartsAtTheNextLine()
            throws IOException
    {
        Path path = temp.resolve("Condition.ndjson");
        Files.writeString(path, "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n", StandardCharsets.UTF_8);
        for (long start = 0; start <= 24; start++) {
            ExtractFile first = new ExtractFile(path, "Condition", start, 0);
            ExtractFile second = new ExtractFile(path, "Condition", 24 - start, start);
            List<String> all = lines(List.of(first, second), false);
            assertThat(all).as("cut at %d", start).containsExactly("1:{\"a\":1}", "2:{\"b\":2}", "3:{\"c\":3}");
        }
    }

    @Test
    void aLargeFileIsCutOnlyWhenLargerThanItsShare()
    {
        Path path = temp.resolve("x.ndjson");
        ExtractFile large = new ExtractFile(path, "Observation", 100L << 20);
        ExtractFile other = new ExtractFile(path, "Observation", 90L << 20);
        ExtractFile small = new ExtractFile(path, "Condition", 10L << 20);
        ExtractFile underTwice = new ExtractFile(path, "Condition", 2 * ParallelFiles.MIN_PIECE_BYTES - 1);
        ExtractFile twice = new ExtractFile(path, "Condition", 2 * ParallelFiles.MIN_PIECE_BYTES);
        ExtractFile gzip = new ExtractFile(temp.resolve("x.ndjson.gz"), "Observation", 100L << 20);

        assertThat(ParallelFiles.pieces(List.of(large), 2).get(0)).hasSize(2);
        assertThat(ParallelFiles.pieces(List.of(large), 1).get(0)).hasSize(1);
        assertThat(ParallelFiles.pieces(List.of(large, other, small), 2)).allSatisfy(pieces -> assertThat(pieces).hasSize(1));
        assertThat(ParallelFiles.pieces(List.of(underTwice), 2).get(0)).as("under twice the smallest piece").hasSize(1);
        assertThat(ParallelFiles.pieces(List.of(twice), 2).get(0)).as("twice the smallest piece").hasSize(2);
        assertThat(ParallelFiles.pieces(List.of(gzip), 2).get(0)).hasSize(1);
        assertThat(ParallelFiles.pieces(List.of(), 2)).isEmpty();
    }

    @Test
    void newlinesAreCountedWhereverTheyFallInAWord()
            throws IOException
    {
        byte[] bytes = "\n\n\na\n\n\n\n\n\n\n\nbc\n\u0000\n\u000b\n\n".getBytes(StandardCharsets.UTF_8);
        long expected = 0;
        for (byte b : bytes) {
            expected += b == '\n' ? 1 : 0;
        }
        assertThat(NdjsonLines.countNewlines(new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE)).isEqualTo(expected);
        assertThat(NdjsonLines.countNewlines(new java.io.ByteArrayInputStream(bytes), 3)).isEqualTo(3);
        assertThat(NdjsonLines.countNewlines(new java.io.ByteArrayInputStream(new byte[0]), 10)).isZero();
    }

    /** "number:text" of every line handed over, reading the pieces in parallel (3 threads) and in order. */
    private static List<String> lines(List<ExtractFile> pieces, boolean naming)
    {
        PatientReferences.IdSet ids = new PatientReferences.IdSet(Set.of("p3", "p7", "p11"));
        List<List<String>> parts = ParallelFiles.read(pieces, 3, piece -> {
            List<String> seen = new ArrayList<>();
            NdjsonLines.Handler handler = (buffer, start, length, number) -> seen.add(number + ":" + new String(buffer, start, length, StandardCharsets.UTF_8));
            if (naming) {
                piece.readNaming(ids, handler, passed -> seen.add("passed over " + passed), bytes -> { });
            }
            else {
                piece.readLines(handler, bytes -> { });
            }
            return seen;
        });
        List<String> all = new ArrayList<>();
        parts.forEach(all::addAll);
        if (naming) {
            long passed = all.stream().filter(line -> line.startsWith("passed over ")).mapToLong(line -> Long.parseLong(line.substring(12))).sum();
            all.removeIf(line -> line.startsWith("passed over "));
            all.add("passed over " + passed);
        }
        return all;
    }
}

package org.casebook.screening.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NdjsonLines#readNaming} finds line ends and Patient references in one scan, across buffer
 * refills: it must hand over exactly the lines a line-by-line search would, with the same numbers.
 */
class PatientLineScanTest
{
    private static final PatientReferences.IdSet INCLUDED = new PatientReferences.IdSet(Set.of("p1", "pat-22", "abc"));

    @Test
    void handsOverLinesNamingAnIncludedPatientAndCountsTheOthers()
            throws IOException
    {
        String extract = String.join("\n",
                "{\"subject\":{\"reference\":\"Patient/p1\"}}",
                "{\"subject\":{\"reference\":\"Patient/p10\"}}",
                "",
                "   ",
                "{\"performer\":[{\"reference\":\"Patient/x\"}],\"subject\":{\"reference\":\"Patient/pat-22\"}}\r",
                "{\"subject\":{\"reference\":\"urn:uuid:abc\"}}",
                "{\"subject\":{\"reference\":\"Patient/x\"},\"note\":\"urn:uuid:abc\"}",
                "{\"subject\":{\"reference\":\"Patient\\/p1\"}}",
                "{\"subject\":{\"reference\":\"https://ehr.example/fhir/Patient/abc/_history/2\"}}",
                "{\"text\":\"Pulse Patient/ no id\",\"subject\":{\"reference\":\"Patient/p1");

        Scan scan = scan(extract, Integer.MAX_VALUE);

        assertThat(scan.lines).containsExactly(1L, 5L, 6L, 8L, 9L, 10L);
        assertThat(scan.passedOver).isEqualTo(2);
        assertThat(scan.texts.get(1)).endsWith("\"Patient/pat-22\"}}");
    }

    @Test
    void givesTheSameLinesAsALineByLineSearchWhateverTheReadSizes()
            throws IOException
    {
        Random random = new Random(20261125);
        List<String> ids = List.of("p1", "p10", "pat-22", "pat-2", "abc", "ab", "zz");
        StringBuilder extract = new StringBuilder();
        for (int line = 0; line < 3000; line++) {
            int kind = random.nextInt(10);
            String id = ids.get(random.nextInt(ids.size()));
            String padding = "x".repeat(random.nextInt(300));
            switch (kind) {
                case 0 -> extract.append("");
                case 1 -> extract.append("{\"subject\":{\"reference\":\"urn:uuid:").append(id).append("\"},\"p\":\"").append(padding).append("\"}");
                case 2 -> extract.append("{\"text\":\"P").append(padding).append("Pat\",\"subject\":{\"reference\":\"Patient/").append(id).append("\"}}");
                case 3 -> extract.append("{\"a\":\"\\\\").append(padding).append("\",\"subject\":{\"reference\":\"Patient\\/").append(id).append("\"}}");
                default -> extract.append("{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/").append(id).append("\"},\"v\":\"")
                        .append(padding).append("\"}");
            }
            extract.append(random.nextInt(20) == 0 ? "\r\n" : "\n");
        }
        String text = extract.toString();
        Scan expected = lineByLine(text);
        assertThat(expected.lines).isNotEmpty();
        for (int maxRead : new int[] {1, 3, 7, 64, 1000, Integer.MAX_VALUE}) {
            Scan scan = scan(text, maxRead);
            assertThat(scan.lines).as("reads of at most %d bytes", maxRead).containsExactlyElementsOf(expected.lines);
            assertThat(scan.texts).containsExactlyElementsOf(expected.texts);
            assertThat(scan.passedOver).isEqualTo(expected.passedOver);
        }
    }

    private static final class Scan
    {
        final List<Long> lines = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        long passedOver;
    }

    private static Scan scan(String text, int maxRead)
            throws IOException
    {
        Scan scan = new Scan();
        NdjsonLines.readNaming(new ShortReads(text.getBytes(StandardCharsets.UTF_8), maxRead), INCLUDED, new NdjsonLines.NamingHandler()
        {
            @Override
            public void line(byte[] buffer, int start, int length, long lineNumber)
            {
                scan.lines.add(lineNumber);
                scan.texts.add(new String(buffer, start, length, StandardCharsets.UTF_8));
            }

            @Override
            public void passedOver(long lines)
            {
                scan.passedOver = lines;
            }
        });
        return scan;
    }

    /** The reference behaviour: split into lines, then search each line. */
    private static Scan lineByLine(String text)
            throws IOException
    {
        Scan scan = new Scan();
        NdjsonLines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), (buffer, start, length, lineNumber) -> {
            String line = new String(buffer, start, length, StandardCharsets.UTF_8);
            if (PatientReferences.namesAny(buffer, start, length, INCLUDED)) {
                scan.lines.add(lineNumber);
                scan.texts.add(line);
            }
            else {
                scan.passedOver++;
            }
        });
        return scan;
    }

    /** An input stream that returns at most {@code maxRead} bytes per read, so lines straddle every refill. */
    private static final class ShortReads
            extends InputStream
    {
        private final byte[] bytes;
        private final int maxRead;
        private int position;

        ShortReads(byte[] bytes, int maxRead)
        {
            this.bytes = bytes;
            this.maxRead = maxRead;
        }

        @Override
        public int read()
        {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
        {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, maxRead), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}

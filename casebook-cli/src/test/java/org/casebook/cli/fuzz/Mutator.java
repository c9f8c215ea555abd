package org.casebook.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small deterministic mutation fuzzer: one to four edits of a file's bytes, chosen by a seeded
 * {@link Random}, so that a case number always gives the same input. The edits are byte-level
 * (flip, insert, delete, duplicate, truncate, swap lines) and token-level: a word or number of
 * the file replaced by a value known to break readers (NaN, 1e308, 4294967386, year 0000, a YAML
 * alias, a terminal escape, invalid UTF-8, a very long number, …).
 */
final class Mutator
{
    static final List<String> TOKENS = List.of(
            "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e999999999", "1e-999999999", "1e400", "4294967386", "2147483648",
            "-2147483649", "9223372036854775808", "0", "-0", "-1", "0.0000001", "1E+2", "0x1F", "1_000", ".inf", "-.inf", ".nan",
            "0000-01-01", "+999999999-12-31", "-999999999-01-01", "2024-02-30", "9999-12-31", "1900-01-01", "2024-13-01", "0001-01-01T00:00:00Z",
            "", " ", "\u001b[31m", "\u0000", "\r\n", "\n", "\"", "\"\"", ",", "'", "*a", "&a ", "--- ", "---\n", "...", "!!binary ", "? ", ": ",
            "- ", "{", "}", "[", "]", "#", "%YAML 1.1\n", "\\u0000", "\\ud800", "true", "false", "null", "~", "yes", "é", "\u202e", "\uFEFF",
            "Patient/", "Patient\\/x", "\"resourceType\":\"Patient\"", "{\"resourceType\":\"Encounter\",\"id\":\"e\",\"subject\":{\"reference\":\"Patient/p\"}}",
            "\"valueQuantity\":{\"value\":1e999}", "#N/A", "t=\"e\"", "t=\"d\"", "t=\"s\"", "t=\"n\"", "<v>NaN</v>", "<v>99999</v>", "<v>-1</v>",
            "s=\"99\"", "r=\"XFD1048576\"", "<", ">", "&amp;", "&#0;");
    private static final byte[] BYTES = {0, 0x1b, (byte) 0xff, (byte) 0xc3, (byte) 0x80, '"', ',', '\n', '\r', ':', '-', '*', '&', '{', '[', '#', '\t', '<', '>', '/', '9', 'e'};

    private Mutator() {}

    static byte[] mutate(byte[] input, Random random)
    {
        byte[] data = input;
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            data = edit(data, random);
        }
        return data;
    }

    private static byte[] edit(byte[] data, Random random)
    {
        int kind = random.nextInt(100);
        if (data.length == 0) {
            return token(random).getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(data.length);
        if (kind < 40) {
            return replaceToken(data, at, random);
        }
        if (kind < 50) {
            byte[] copy = data.clone();
            copy[at] ^= (byte) (1 << random.nextInt(8));
            return copy;
        }
        if (kind < 58) {
            byte[] copy = data.clone();
            copy[at] = BYTES[random.nextInt(BYTES.length)];
            return copy;
        }
        if (kind < 66) {
            return splice(data, at, at, token(random).getBytes(StandardCharsets.UTF_8));
        }
        if (kind < 74) {
            int end = Math.min(data.length, at + 1 + random.nextInt(64));
            return splice(data, at, end, new byte[0]);
        }
        if (kind < 82) {
            int end = Math.min(data.length, at + 1 + random.nextInt(200));
            byte[] copy = Arrays.copyOfRange(data, at, end);
            int times = random.nextInt(10) == 0 ? 50 : 1;
            ByteArrayOutputStream repeated = new ByteArrayOutputStream();
            for (int i = 0; i < times; i++) {
                repeated.writeBytes(copy);
            }
            return splice(data, end, end, repeated.toByteArray());
        }
        if (kind < 86) {
            return Arrays.copyOf(data, at);
        }
        if (kind < 94) {
            return swapLines(data, random);
        }
        if (kind < 97) {
            // a very long value in place of a token: a number of 100,000 digits or text of 300,000 characters
            String big = random.nextBoolean() ? "9".repeat(100_000) : "x".repeat(300_000);
            return replaceToken(data, at, big);
        }
        return replaceToken(data, at, "\u001b]0;title\u0007\u001b[2J");
    }

    static String token(Random random)
    {
        return TOKENS.get(random.nextInt(TOKENS.size()));
    }

    private static byte[] replaceToken(byte[] data, int at, Random random)
    {
        return replaceToken(data, at, token(random));
    }

    /** Replaces the word (letters, digits, '.', '-', '_') at or after {@code at} with the token. */
    private static byte[] replaceToken(byte[] data, int at, String token)
    {
        int start = at;
        while (start < data.length && !isWord(data[start])) {
            start++;
        }
        if (start == data.length) {
            return splice(data, at, at, token.getBytes(StandardCharsets.UTF_8));
        }
        int end = start;
        while (end < data.length && isWord(data[end])) {
            end++;
        }
        while (start > 0 && isWord(data[start - 1])) {
            start--;
        }
        return splice(data, start, end, token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isWord(byte b)
    {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '.' || b == '-' || b == '_' || b == '+';
    }

    private static byte[] splice(byte[] data, int from, int to, byte[] insert)
    {
        byte[] out = new byte[data.length - (to - from) + insert.length];
        System.arraycopy(data, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(data, to, out, from + insert.length, data.length - to);
        return out;
    }

    private static byte[] swapLines(byte[] data, Random random)
    {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(Arrays.copyOfRange(data, start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        if (lines.size() < 2) {
            return data;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        byte[] first = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, first);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }
}

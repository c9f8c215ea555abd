package org.casebook.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The reproducibility footer: which casebook, which protocol (its SHA-256) and which input data
 * (its SHA-256) produced the report, and when. The generation time appears only in the HTML and
 * PDF, never in the CSV tables, so those stay byte-identical across runs.
 *
 * @param inputSha256 see {@link #inputSha256(Path)}
 */
public record Provenance(String casebookVersion, String protocolId, String protocolSha256, String input, String inputSha256, Instant generatedAt)
{
    public Provenance
    {
        requireNonNull(casebookVersion, "casebookVersion is null");
        requireNonNull(protocolId, "protocolId is null");
        requireNonNull(protocolSha256, "protocolSha256 is null");
        requireNonNull(input, "input is null");
        requireNonNull(inputSha256, "inputSha256 is null");
        generatedAt = requireNonNull(generatedAt, "generatedAt is null").truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * SHA-256 of the case data: of the file's bytes for an .xlsx; for a folder, of the lines
     * {@code <sha256 of file>  <file name>\n} (as {@code sha256sum} prints them) for its .csv files
     * sorted by name, so that the hash does not depend on the file system's order.
     *
     * @throws UncheckedIOException when the input cannot be read
     */
    public static String inputSha256(Path input)
    {
        try {
            if (!Files.isDirectory(input)) {
                return sha256(input);
            }
            StringBuilder listing = new StringBuilder();
            List<Path> files;
            try (Stream<Path> entries = Files.list(input)) {
                files = entries.filter(path -> Files.isRegularFile(path) && path.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
            for (Path file : files) {
                listing.append(sha256(file)).append("  ").append(file.getFileName()).append('\n');
            }
            return HexFormat.of().formatHex(digest().digest(listing.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file)
            throws IOException
    {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

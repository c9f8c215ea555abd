package org.casebook.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/**
 * Finds protocols: the built-in ones shipped in the jar (the seed study {@code ae-ra-ild-jaki})
 * and protocol files on disk, whose code sets are read relative to the protocol file.
 */
public final class Protocols
{
    public static final String SEED = "ae-ra-ild-jaki";
    private static final List<String> BUILT_IN = List.of(SEED, "dm-ild-tofacitinib", "ild-lung-resection");
    private static final String RESOURCE_ROOT = "/org/casebook/protocols/";

    private Protocols() {}

    public static List<String> builtInNames()
    {
        return BUILT_IN;
    }

    /** A built-in protocol's name, or the path of a protocol file. */
    public static StudyProtocol load(String nameOrPath)
    {
        if (BUILT_IN.contains(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        return fromFile(Path.of(nameOrPath));
    }

    public static StudyProtocol builtIn(String name)
    {
        String text = builtInFile(name, "protocol.yaml")
                .orElseThrow(() -> new CasebookException(ErrorCode.NOT_FOUND, "no built-in protocol '" + name + "'; built in: " + BUILT_IN));
        return new ProtocolReader(name + "/protocol.yaml", path -> builtInFile(name, path)
                .orElseThrow(() -> new IllegalArgumentException("not found in the built-in protocol"))).read(text);
    }

    public static StudyProtocol fromFile(Path file)
    {
        Path directory = file.toAbsolutePath().getParent();
        return new ProtocolReader(file.toString(), path -> readText(directory.resolve(path))).read(readText(file));
    }

    /** The text of a file of a built-in protocol ({@code protocol.yaml}, {@code codesets/ild.yaml}, …). */
    public static Optional<String> builtInFile(String name, String path)
    {
        if (!BUILT_IN.contains(name) || path.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = Protocols.class.getResourceAsStream(RESOURCE_ROOT + name + "/" + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readText(Path path)
    {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "protocol file not found: " + path);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}

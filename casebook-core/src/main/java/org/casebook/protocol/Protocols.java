package org.casebook.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;
import org.casebook.yaml.YamlDocuments;

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
        return new ProtocolReader(file.toString(), path -> readTextFile(directory.resolve(path), "code-set file")).read(readText(file));
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
        return readTextFile(path, "protocol file");
    }

    /**
     * The text of a protocol or code-set file: a regular file (not a folder, device or FIFO, which
     * would block forever) of at most {@link YamlDocuments#MAX_CHARACTERS} bytes, in UTF-8.
     *
     * @param what "protocol file" or "code-set file", for messages
     */
    public static String readTextFile(Path path, String what)
    {
        String shown = Messages.shorten(path.toString(), 1000);
        if (!Files.exists(path)) {
            throw new CasebookException(ErrorCode.NOT_FOUND, what + " not found: " + shown);
        }
        if (!Files.isRegularFile(path)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + shown + ": not a regular file (a " + what + " is a YAML text file)");
        }
        try {
            long size = Files.size(path);
            if (size > YamlDocuments.MAX_CHARACTERS) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + shown + ": " + size + " bytes; a " + what + " may have at most "
                        + YamlDocuments.MAX_CHARACTERS + " bytes");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(YamlDocuments.MAX_CHARACTERS + 1);
            }
            if (bytes.length > YamlDocuments.MAX_CHARACTERS) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + shown + ": a " + what + " may have at most " + YamlDocuments.MAX_CHARACTERS + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + shown + ": not UTF-8 text (a " + what + " is a YAML text file saved as UTF-8)");
        }
        catch (NoSuchFileException e) {
            throw new CasebookException(ErrorCode.NOT_FOUND, what + " not found: " + shown);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + shown + ": " + Messages.shorten(String.valueOf(e.getMessage()), 300), e);
        }
    }
}

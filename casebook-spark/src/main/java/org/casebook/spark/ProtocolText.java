package org.casebook.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

import static java.util.Objects.requireNonNull;

/**
 * A protocol as the texts it was read from (protocol.yaml and each code-set file it names), so
 * that Spark's executors rebuild the very same rules: the protocol file need not exist on the
 * cluster's machines, and the rule classes need not be serializable.
 *
 * @param file the protocol's name in messages ({@code dm-ild-tofacitinib/protocol.yaml} or the file's path)
 * @param codeSets each code-set file's text by the path the protocol names it with
 */
public record ProtocolText(String file, String text, Map<String, String> codeSets)
        implements Serializable
{
    public ProtocolText
    {
        requireNonNull(file, "file is null");
        requireNonNull(text, "text is null");
        codeSets = Map.copyOf(codeSets);
    }

    /**
     * Reads a built-in protocol's name or a protocol file, as {@link Protocols#load} does, keeping
     * the texts.
     *
     * @throws CasebookException when the protocol cannot be read, or it has the seed's legacy
     *         {@code extraction} rules, which only the local seed engine runs
     */
    public static ProtocolText load(String nameOrPath)
    {
        boolean builtIn = Protocols.builtInNames().contains(nameOrPath);
        String file = builtIn ? nameOrPath + "/protocol.yaml" : Path.of(nameOrPath).toString();
        String text = builtIn ? Protocols.builtInFile(nameOrPath, "protocol.yaml").orElseThrow()
                : Protocols.readTextFile(Path.of(nameOrPath), "protocol file");
        Map<String, String> read = new LinkedHashMap<>();
        Function<String, String> source = builtIn
                ? path -> Protocols.builtInFile(nameOrPath, path).orElseThrow(() -> new IllegalArgumentException("not found in the built-in protocol"))
                : path -> Protocols.readTextFile(Path.of(nameOrPath).toAbsolutePath().getParent().resolve(path), "code-set file");
        new ProtocolReader(file, path -> read.computeIfAbsent(path, source)).read(text);
        ProtocolText protocol = new ProtocolText(file, text, read);
        if (ScreeningEngine.hasLegacyExtraction(protocol.root())) {
            throw new CasebookException(ErrorCode.BAD_INPUT, file + " has the seed's extraction rules (" + String.join(", ",
                    new java.util.TreeSet<>(ScreeningEngine.LEGACY_EXTRACTION_KEYS)) + "), which only the local seed engine runs: screen it with --engine local,"
                    + " or write it in the generic language (docs/protocol.md) to run it on Spark");
        }
        return protocol;
    }

    /** The protocol, read again from the texts (on an executor). */
    public StudyProtocol protocol()
    {
        return new ProtocolReader(file, path -> {
            String codeSet = codeSets.get(path);
            if (codeSet == null) {
                throw new IllegalStateException("code-set file " + path + " was not read on the driver");
            }
            return codeSet;
        }).read(text);
    }

    /** The generic engine's screening for this protocol, with its {@code extraction} status lists, as {@code ScreeningEngine.forProtocol} builds it. */
    public GenericScreening screening(boolean strict)
    {
        YamlNode root = root();
        return new GenericScreening(protocol(), textSet(root, "excluded_condition_verification"), textSet(root, "excluded_medication_statuses"), strict);
    }

    private YamlNode root()
    {
        return YamlDocuments.parse(file, text);
    }

    /** A list under {@code extraction}, or null when the protocol does not set it (the default applies). */
    private static Set<String> textSet(YamlNode root, String key)
    {
        if (!root.has("extraction")) {
            return null;
        }
        YamlNode extraction = root.child("extraction");
        extraction.requireKeys(Set.of(), Set.of("excluded_condition_verification", "excluded_medication_statuses"));
        return extraction.has(key) ? new HashSet<>(extraction.textList(key)) : null;
    }
}

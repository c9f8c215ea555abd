package org.casebook.screening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.generic.RecordSource;
import org.casebook.screening.local.ProgressListener;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

import static java.util.Objects.requireNonNull;

/**
 * A screening engine: reads a FHIR bulk export and writes the screening outputs (screening.csv,
 * flow.json, flow.svg, skipped.csv, cases/) atomically. {@link #forProtocol} chooses one by a
 * single rule: the seed's optimized engine for a protocol with the legacy {@code extraction}
 * rules, the generic engine for any other (docs/screening.md, "Any protocol").
 */
public interface ScreeningEngine
{
    /** The seed's extraction rule keys; an {@code extraction} block holding any of them is the legacy one. */
    Set<String> LEGACY_EXTRACTION_KEYS = Set.of("ct", "pf_ratio", "fvc_percent_predicted", "prior_jak_inhibitor", "treatment", "pulse", "home_oxygen");

    /** What a run found, for the command line's summary. */
    record Summary(String engine, long patientsInExtract, long withIndexEvent, Map<String, Long> excludedByReason, int included, long linesSkipped)
    {
        public Summary
        {
            requireNonNull(engine, "engine is null");
            excludedByReason = Map.copyOf(excludedByReason);
        }
    }

    /**
     * @throws CasebookException when {@code out} exists and is not empty, the extract is unreadable, or (strict) a line is unusable
     */
    Summary screen(Path extract, Path out)
            throws IOException;

    /**
     * Screens any input format (FHIR bulk export, OMOP CDM tables) into {@code out}; only the
     * generic engine reads formats other than FHIR.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the source is unreadable, (strict) a row is unusable, or this engine cannot read the source
     */
    default Summary screen(RecordSource source, Path out)
            throws IOException
    {
        throw new CasebookException(ErrorCode.BAD_INPUT, "the " + name() + " engine reads FHIR bulk exports only (--fhir DIR); it cannot read " + source.describe());
    }

    /** {@code seed} or {@code generic}. */
    String name();

    /**
     * The engine for a built-in protocol's name or a protocol file: {@code seed} when its
     * {@code extraction} block holds any of {@link #LEGACY_EXTRACTION_KEYS}, else {@code generic}.
     */
    static ScreeningEngine forProtocol(String nameOrPath, boolean strict, ProgressListener progress)
    {
        String file = Protocols.builtInNames().contains(nameOrPath) ? nameOrPath + "/protocol.yaml" : nameOrPath;
        YamlNode root = YamlDocuments.parse(file, protocolText(nameOrPath));
        if (hasLegacyExtraction(root)) {
            return new SeedScreeningEngine(nameOrPath, strict, progress);
        }
        StudyProtocol protocol = Protocols.load(nameOrPath);
        return new GenericScreeningEngine(protocol, textSet(root, "excluded_condition_verification"), textSet(root, "excluded_medication_statuses"), strict);
    }

    static boolean hasLegacyExtraction(YamlNode root)
    {
        if (!root.has("extraction")) {
            return false;
        }
        YamlNode extraction = root.child("extraction");
        return LEGACY_EXTRACTION_KEYS.stream().anyMatch(extraction::has);
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

    private static String protocolText(String nameOrPath)
    {
        if (Protocols.builtInNames().contains(nameOrPath)) {
            return Protocols.builtInFile(nameOrPath, "protocol.yaml").orElseThrow();
        }
        try {
            return Files.readString(Path.of(nameOrPath), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + nameOrPath + ": " + e.getMessage(), e);
        }
    }
}

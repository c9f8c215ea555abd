package org.casebook.screening.rules;

import java.nio.file.Path;

import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;

import static java.util.Objects.requireNonNull;

/** A study protocol with what screening reads from it: the eligibility rules and the extraction rules. */
public record ScreeningProtocol(StudyProtocol protocol, ScreeningRules rules, ExtractionSpec extraction)
{
    public ScreeningProtocol
    {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(rules, "rules is null");
        requireNonNull(extraction, "extraction is null");
    }

    /** A built-in protocol's name or a protocol file's path. */
    public static ScreeningProtocol load(String nameOrPath)
    {
        StudyProtocol protocol = Protocols.load(nameOrPath);
        String text;
        String file;
        if (Protocols.builtInNames().contains(nameOrPath)) {
            file = nameOrPath + "/protocol.yaml";
            text = Protocols.builtInFile(nameOrPath, "protocol.yaml").orElseThrow();
        }
        else {
            file = nameOrPath;
            text = Protocols.readTextFile(Path.of(nameOrPath), "protocol file");
        }
        ExtractionSpec extraction = ExtractionSpecReader.read(file, text, protocol);
        return new ScreeningProtocol(protocol, ScreeningRules.fromProtocol(protocol, extraction.recordRules()), extraction);
    }

    public static ScreeningProtocol seed()
    {
        return load(Protocols.SEED);
    }
}

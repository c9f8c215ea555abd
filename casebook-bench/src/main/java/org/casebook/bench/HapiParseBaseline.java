package org.casebook.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.casebook.screening.bench.Baseline;
import org.casebook.screening.local.ExtractFile;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What a Java developer would write first: every line parsed into HAPI FHIR's R4 model. Only the
 * parsing is timed against casebook's screen, so the criteria are not evaluated here.
 */
public final class HapiParseBaseline
        implements Baseline
{
    private final FhirContext context = FhirContext.forR4Cached();

    @Override
    public String name()
    {
        return "HAPI FHIR 8.12.1 R4 parse of every resource";
    }

    @Override
    public String run(Path folder)
            throws IOException
    {
        IParser parser = context.newJsonParser();
        long resources = 0;
        for (ExtractFile file : ExtractFile.list(folder)) {
            try (BufferedReader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        IBaseResource resource = parser.parseResource(line);
                        if (resource.getIdElement() != null) {
                            resources++;
                        }
                    }
                }
            }
        }
        return resources + " resources parsed";
    }
}

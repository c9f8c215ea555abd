package org.casebook.screening.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.casebook.screening.local.ExtractFile;

/**
 * The parse floor: every line of every file read by Jackson's streaming parser, every token
 * visited, nothing kept. Anything that parses every line costs at least this much.
 */
public final class JacksonParseFloor
        implements Baseline
{
    private final JsonFactory factory = new JsonFactory();

    @Override
    public String name()
    {
        return "Jackson streaming parse of every line (floor)";
    }

    @Override
    public String run(Path folder)
            throws IOException
    {
        long lines = 0;
        long tokens = 0;
        for (ExtractFile file : ExtractFile.list(folder)) {
            try (BufferedReader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    try (JsonParser parser = factory.createParser(line)) {
                        while (parser.nextToken() != null) {
                            tokens++;
                        }
                    }
                }
            }
        }
        return lines + " resources, " + tokens + " tokens";
    }
}

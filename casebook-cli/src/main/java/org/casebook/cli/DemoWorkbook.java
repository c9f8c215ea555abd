package org.casebook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled synthetic six-patient workbook (no real patient data) that reproduces the
 * published AE-RA-ILD series; unpacked from the jar into a folder to be imported like any other.
 */
public final class DemoWorkbook
{
    public static final List<String> FILES = List.of("cases.csv", "measurements.csv", "ct_studies.csv", "ct_reads.csv", "adverse_events.csv");

    private DemoWorkbook() {}

    public static Path unpackTo(Path directory)
    {
        try {
            Files.createDirectories(directory);
            for (String file : FILES) {
                try (InputStream in = DemoWorkbook.class.getResourceAsStream("/org/casebook/demo/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("demo file missing from the jar: " + file);
                    }
                    Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

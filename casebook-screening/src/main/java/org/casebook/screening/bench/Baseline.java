package org.casebook.screening.bench;

import java.nio.file.Path;

/**
 * One way of reading an extract that the screening benchmark times: casebook's screen, the
 * Jackson parse floor, and (from the casebook-bench module, found with {@link java.util.ServiceLoader})
 * HAPI FHIR parsing and DuckDB SQL.
 */
public interface Baseline
{
    /** The row's name in the results table. */
    String name();

    /** Reads the extract in {@code folder}; returns a short note on what it found (e.g. resources parsed, patients included). */
    String run(Path folder)
            throws Exception;
}

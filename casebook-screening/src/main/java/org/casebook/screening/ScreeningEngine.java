package org.casebook.screening;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.SpillLimit;
import org.casebook.screening.generic.RecordSource;


/**
 * A screening engine: screens a FHIR bulk export or OMOP CDM tables by any protocol and writes
 * the screening outputs (screening.csv, flow.json, flow.svg, skipped.csv, cases/) atomically
 * (docs/screening.md). {@link #forProtocol} gives the local one, the engine of
 * {@code …screening.generic} in this process; casebook-spark's runs the same rules in Spark
 * tasks ({@link ScreeningEngineProvider}). The seed study runs on them as every other does.
 */
public interface ScreeningEngine
{
    /**
     * What a run found, for the command line's summary; {@code indexAdmission} when the index criterion is an encounter;
     * {@code criteria} the protocol's, in its order (the command line names the excluded by them without reading the protocol again).
     */
    record Summary(boolean indexAdmission, long patientsInExtract, long withIndexEvent, Map<String, Long> excludedByReason, int included, long linesSkipped,
            java.util.List<org.casebook.protocol.EligibilityCriterion> criteria)
    {
        public Summary
        {
            excludedByReason = Map.copyOf(excludedByReason);
            criteria = java.util.List.copyOf(criteria);
        }

        /** The summary of a finished run of {@code screening}. */
        public static Summary of(GenericScreening screening, GenericScreening.Result result)
        {
            return of(screening, result.flow(), result.cases().size());
        }

        /** The summary of a finished run of {@code screening} into its output folder. */
        public static Summary of(GenericScreening screening, GenericScreening.Screened screened)
        {
            return of(screening, screened.flow(), Math.toIntExact(screened.included()));
        }

        private static Summary of(GenericScreening screening, GenericFlow flow, int included)
        {
            return new Summary(screening.protocol().eligibility().get(0).kind().equals("encounter"), flow.patientsInExtract(), flow.withIndexEvent(),
                    flow.excludedByReason(), included, flow.linesSkipped().values().stream().mapToLong(Long::longValue).sum(), screening.protocol().eligibility());
        }
    }

    /**
     * The local engine for a built-in protocol's name or a protocol file, with the records that
     * never count from its {@code extraction} block (the defaults when it has none).
     *
     * @throws CasebookException when the protocol cannot be read or has a mistake (located: file, line, key)
     */
    static ScreeningEngine forProtocol(String nameOrPath, boolean strict)
    {
        return forProtocol(nameOrPath, strict, SpillLimit.fromHeap());
    }

    /** The local engine, holding at most {@code spillAfter}'s records of the candidates in memory (the rest spilled to disk). */
    static ScreeningEngine forProtocol(String nameOrPath, boolean strict, SpillLimit spillAfter)
    {
        GenericScreening screening = GenericScreening.forProtocol(nameOrPath, strict).spillAfter(spillAfter);
        return new ScreeningEngine()
        {
            @Override
            public String name()
            {
                return "local";
            }

            @Override
            public Summary screen(RecordSource source, Path out)
                    throws IOException
            {
                return Summary.of(screening, screening.screen(source, out));
            }
        };
    }

    /** {@code local} or {@code spark}. */
    String name();

    /**
     * @throws CasebookException when {@code out} exists and is not empty, the extract is unreadable, or (strict) a line is unusable
     */
    default Summary screen(Path extract, Path out)
            throws IOException
    {
        return screen(RecordSource.fhir(extract), out);
    }

    /**
     * Screens the FHIR bulk export in a folder given as a path or a URI. The local engine reads
     * folders on this machine ({@code file:} URIs too); an engine that reads Hadoop file systems
     * (Spark's) reads {@code hdfs://} and {@code s3a://} folders as well.
     *
     * @throws CasebookException when the location is not one this engine reads (BAD_INPUT), or as {@link #screen(Path, Path)}
     */
    default Summary screen(String location, Path out)
            throws IOException
    {
        return screen(localFolder(location), out);
    }

    /**
     * A folder on this machine: a path, or a {@code file:} URI.
     *
     * @throws CasebookException (BAD_INPUT) for a URI of another scheme ({@code hdfs://}, {@code s3a://}): the Spark engine reads those
     */
    static Path localFolder(String location)
    {
        java.util.regex.Matcher scheme = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*").matcher(location);
        if (!scheme.matches()) {
            return Path.of(location);
        }
        if (!scheme.group(1).equalsIgnoreCase("file")) {
            throw new CasebookException(org.casebook.error.ErrorCode.BAD_INPUT, location + ": the local engine reads folders on this machine; a "
                    + scheme.group(1) + ": folder is read with --engine spark (docs/spark.md)");
        }
        try {
            return Path.of(java.net.URI.create(location));
        }
        catch (IllegalArgumentException e) {
            throw new CasebookException(org.casebook.error.ErrorCode.BAD_INPUT, location + ": not a file: URI of a folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Screens OMOP CDM tables given as {@code --omop} gives them: a folder or .zip of table files,
     * or a JDBC URL ({@link org.casebook.screening.omop.OmopSource#open}). An engine that reads
     * Hadoop file systems (Spark's) also takes {@code hdfs://} and {@code s3a://} folders.
     *
     * @throws CasebookException as {@link #screen(RecordSource, Path)}
     */
    default Summary screenOmop(String source, Path out)
            throws IOException
    {
        return screen(org.casebook.screening.omop.OmopSource.open(source), out);
    }

    /**
     * Screens any input format (FHIR bulk export, OMOP CDM tables) into {@code out}.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the source is unreadable, or (strict) a row is unusable
     */
    Summary screen(RecordSource source, Path out)
            throws IOException;
}

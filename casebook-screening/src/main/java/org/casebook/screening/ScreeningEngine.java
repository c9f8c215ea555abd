package org.casebook.screening;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.RecordSource;

import static java.util.Objects.requireNonNull;

/**
 * Screens a FHIR bulk export or OMOP CDM tables by any protocol and writes the screening outputs
 * (screening.csv, flow.json, flow.svg, skipped.csv, cases/) atomically, on the engine of
 * {@code …screening.generic} (docs/screening.md). The seed study runs on it as every other does.
 */
public final class ScreeningEngine
{
    /** What a run found, for the command line's summary; {@code indexAdmission} when the index criterion is an encounter. */
    public record Summary(boolean indexAdmission, long patientsInExtract, long withIndexEvent, Map<String, Long> excludedByReason, int included, long linesSkipped)
    {
        public Summary
        {
            excludedByReason = Map.copyOf(excludedByReason);
        }
    }

    private final GenericScreening screening;

    private ScreeningEngine(GenericScreening screening)
    {
        this.screening = requireNonNull(screening, "screening is null");
    }

    /**
     * The engine for a built-in protocol's name or a protocol file, with the records that never
     * count from its {@code extraction} block (the defaults when it has none).
     *
     * @throws CasebookException when the protocol cannot be read or has a mistake (located: file, line, key)
     */
    public static ScreeningEngine forProtocol(String nameOrPath, boolean strict)
    {
        return new ScreeningEngine(GenericScreening.forProtocol(nameOrPath, strict));
    }

    /**
     * @throws CasebookException when {@code out} exists and is not empty, the extract is unreadable, or (strict) a line is unusable
     */
    public Summary screen(Path extract, Path out)
            throws IOException
    {
        return screen(RecordSource.fhir(extract), out);
    }

    /**
     * Screens any input format (FHIR bulk export, OMOP CDM tables) into {@code out}.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the source is unreadable, or (strict) a row is unusable
     */
    public Summary screen(RecordSource source, Path out)
            throws IOException
    {
        GenericScreening.Result result = screening.screen(source, out);
        GenericFlow flow = result.flow();
        return new Summary(screening.protocol().eligibility().get(0).kind().equals("encounter"), flow.patientsInExtract(), flow.withIndexEvent(),
                flow.excludedByReason(), result.cases().size(), flow.linesSkipped().values().stream().mapToLong(Long::longValue).sum());
    }
}

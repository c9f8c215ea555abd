package org.casebook.screening;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.RecordSource;

/** The engine for any protocol ({@code …screening.generic}). */
final class GenericScreeningEngine
        implements ScreeningEngine
{
    private final GenericScreening screening;

    GenericScreeningEngine(StudyProtocol protocol, Set<String> excludedConditionVerification, Set<String> excludedMedicationStatuses, boolean strict)
    {
        this.screening = new GenericScreening(protocol, excludedConditionVerification, excludedMedicationStatuses, strict);
    }

    @Override
    public String name()
    {
        return "generic";
    }

    @Override
    public Summary screen(Path extract, Path out)
            throws IOException
    {
        return screen(RecordSource.fhir(extract), out);
    }

    @Override
    public Summary screen(RecordSource source, Path out)
            throws IOException
    {
        GenericScreening.Result result = screening.screen(source, out);
        GenericFlow flow = result.flow();
        return new Summary(name(), flow.patientsInExtract(), flow.withIndexEvent(), flow.excludedByReason(), result.cases().size(),
                flow.linesSkipped().values().stream().mapToLong(Long::longValue).sum());
    }
}

package org.casebook.screening;

import java.io.IOException;
import java.nio.file.Path;

import org.casebook.screening.local.Flow;
import org.casebook.screening.local.LocalScreening;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.local.ScreeningOutput;
import org.casebook.screening.local.ScreeningResult;
import org.casebook.screening.rules.ScreeningProtocol;

/** The seed protocol's optimized two-pass engine ({@code …screening.local}), unchanged. */
final class SeedScreeningEngine
        implements ScreeningEngine
{
    private final ScreeningProtocol protocol;
    private final boolean strict;
    private final ProgressListener progress;

    SeedScreeningEngine(String nameOrPath, boolean strict, ProgressListener progress)
    {
        this.protocol = ScreeningProtocol.load(nameOrPath);
        this.strict = strict;
        this.progress = progress;
    }

    @Override
    public String name()
    {
        return "seed";
    }

    @Override
    public Summary screen(Path extract, Path out)
            throws IOException
    {
        ScreeningResult result = ScreeningOutput.screen(new LocalScreening(protocol, strict, progress), protocol, extract, out);
        Flow flow = result.flow();
        return new Summary(name(), flow.patientsInExtract(), flow.withIndexAdmission(), flow.excludedByReason(), result.cases().size(),
                flow.linesSkipped().values().stream().mapToLong(Long::longValue).sum());
    }
}

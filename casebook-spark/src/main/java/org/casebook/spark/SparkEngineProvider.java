package org.casebook.spark;

import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.ScreeningEngineProvider;

/** Makes {@code --engine spark} available when this module is on the class path (java.util.ServiceLoader). */
public final class SparkEngineProvider
        implements ScreeningEngineProvider
{
    @Override
    public String name()
    {
        return "spark";
    }

    @Override
    public ScreeningEngine engine(String protocolNameOrPath, boolean strict, String master)
    {
        return new SparkEngine(ProtocolText.load(protocolNameOrPath), strict, master);
    }
}

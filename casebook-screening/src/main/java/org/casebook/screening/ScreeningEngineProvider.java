package org.casebook.screening;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A screening engine that lives outside the casebook jar, found through {@link ServiceLoader}
 * when its module is on the class path: casebook-spark's {@code spark} engine, kept out of the
 * casebook jar because Spark is 277 MiB of jars (docs/spark.md).
 */
public interface ScreeningEngineProvider
{
    /** What {@code casebook screen --engine NAME} calls it. */
    String name();

    /**
     * The engine for a built-in protocol's name or a protocol file.
     *
     * @param master where the engine runs (Spark's master URL, e.g. {@code local[2]}); null for its default
     * @throws org.casebook.error.CasebookException when the protocol cannot be read or this engine cannot run it
     */
    ScreeningEngine engine(String protocolNameOrPath, boolean strict, String master);

    /** The provider of this name on the class path, if any. */
    static Optional<ScreeningEngineProvider> find(String name)
    {
        return ServiceLoader.load(ScreeningEngineProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals(name)).findFirst();
    }
}

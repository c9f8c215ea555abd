package org.casebook.screening.generic;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The patients an input format read, handed over one at a time in patient id order, from memory or
 * from the files reading spilled to ({@link PatientParts}); closing deletes those files.
 */
public interface Patients
        extends Closeable
{
    /** Hands over every patient once, in patient id order (a patient's records are dropped once it returns). */
    void forEach(Consumer<GenericPatient> action)
            throws IOException;

    /** Patients held in a map (an input format that does not spill), handed over in id order. */
    static Patients of(Map<String, GenericPatient> patients)
    {
        return new Patients()
        {
            @Override
            public void forEach(Consumer<GenericPatient> action)
            {
                new java.util.TreeMap<>(patients).values().forEach(action);
            }

            @Override
            public void close() {}
        };
    }
}

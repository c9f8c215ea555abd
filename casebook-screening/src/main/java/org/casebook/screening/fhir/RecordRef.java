package org.casebook.screening.fhir;

import static java.util.Objects.requireNonNull;

/**
 * Where a fact came from: the FHIR record ({@code Observation/abc}) and the extract file and line
 * that held it, so every screening decision and extracted value can be traced back.
 */
public record RecordRef(String resourceType, String id, String file, long line) implements java.io.Serializable
{
    public RecordRef
    {
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(id, "id is null");
        requireNonNull(file, "file is null");
    }

    public String reference()
    {
        return resourceType + "/" + id;
    }

    @Override
    public String toString()
    {
        return reference();
    }
}

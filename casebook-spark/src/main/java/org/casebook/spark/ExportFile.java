package org.casebook.spark;

import java.io.Serializable;
import java.nio.file.Path;

import org.casebook.screening.local.ExtractFile;
import org.casebook.screening.local.ResourceType;

/**
 * One file of the export as a Spark task is given it: its place in the local reader's file order
 * (Medication files, then the rest by name), its path (which every executor must be able to read)
 * and its resource type. {@link ExtractFile} itself holds a {@link Path}, which does not serialize.
 */
record ExportFile(int order, String path, String typeName, long size)
        implements Serializable
{
    /**
     * For tests only: called as a task opens its file, so that a test can make a task fail once
     * and see that Spark's retry changes no output. A no-op otherwise.
     */
    static volatile java.util.function.Consumer<ExportFile> opening = file -> { };

    static ExportFile of(int order, ExtractFile file)
    {
        return new ExportFile(order, file.path().toAbsolutePath().toString(), file.typeName(), file.size());
    }

    ExtractFile open()
    {
        opening.accept(this);
        return new ExtractFile(Path.of(path), typeName, ResourceType.fromFhirName(typeName), size);
    }
}

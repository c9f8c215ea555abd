package org.casebook.screening.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * One file of a bulk-data export: {@code <ResourceType>[-suffix].ndjson} or {@code .ndjson.gz},
 * of the resource type {@code typeName}.
 */
public record ExtractFile(Path path, String typeName, long size)
        implements NdjsonFile
{
    private static final Pattern NAME = Pattern.compile("([A-Z][A-Za-z]+)(?:[-.][^/]*)?\\.ndjson(\\.gz)?");

    public ExtractFile
    {
        requireNonNull(path, "path is null");
        requireNonNull(typeName, "typeName is null");
    }

    /** The export's NDJSON files in name order; other files are not part of the export. */
    public static List<ExtractFile> list(Path folder)
    {
        if (!Files.isDirectory(folder)) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "extract folder not found: " + folder);
        }
        List<ExtractFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.sorted(Comparator.comparing(Path::toString)).toList()) {
                Matcher matcher = NAME.matcher(path.getFileName().toString());
                if (Files.isRegularFile(path) && matcher.matches()) {
                    files.add(new ExtractFile(path, matcher.group(1), Files.size(path)));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Override
    public String name()
    {
        return path.getFileName().toString();
    }

    @Override
    public String location()
    {
        return path.toString();
    }

    @Override
    public Lines open()
            throws IOException
    {
        return new Lines(Files.newInputStream(path), 1);
    }

    /** Reads the lines that may name one of the patients ({@link NdjsonLines#readNaming}); {@code passedOver} is told how many others there were. */
    public void readNaming(PatientReferences.IdSet patients, NdjsonLines.Handler handler, LongConsumer passedOver, LongConsumer bytesRead)
    {
        readNaming(patients, false, handler, passedOver, bytesRead);
    }

    /** The resource type a file of the export is named for ({@code Observation-2.ndjson.gz}: Observation); empty when the name is no export file's. */
    public static java.util.Optional<String> typeOf(String fileName)
    {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }
}

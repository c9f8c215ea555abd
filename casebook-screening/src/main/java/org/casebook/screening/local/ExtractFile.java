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
 * of the resource type {@code typeName}; or a piece of an uncompressed one ({@link #pieces}), so
 * that one large file can be read by several threads.
 *
 * @param size the bytes covered: the whole file's, or a piece's
 * @param start where a piece starts (0 for a whole file): it holds the lines that begin in
 *        {@code start … start + size}, so pieces cut at line ends, whatever the bytes
 */
public record ExtractFile(Path path, String typeName, long size, long start)
        implements NdjsonFile
{
    private static final Pattern NAME = Pattern.compile("([A-Z][A-Za-z]+)(?:[-.][^/]*)?\\.ndjson(\\.gz)?");

    public ExtractFile
    {
        requireNonNull(path, "path is null");
        requireNonNull(typeName, "typeName is null");
        if (start < 0 || size < 0) {
            throw new IllegalArgumentException("a piece starts at 0 or after and has 0 or more bytes, not " + start + " and " + size);
        }
    }

    /** A whole file. */
    public ExtractFile(Path path, String typeName, long size)
    {
        this(path, typeName, size, 0);
    }

    /**
     * This whole file as {@code count} pieces of about equal size, in file order (a .gz file, which
     * cannot be read from the middle, or a count under 2: the file itself). A line belongs to the
     * piece its first byte is in, so every line is read once, with its number in the whole file.
     */
    public List<ExtractFile> pieces(int count)
    {
        if (count < 2 || isGzip() || start != 0) {
            return List.of(this);
        }
        List<ExtractFile> pieces = new ArrayList<>(count);
        long from = 0;
        for (int index = 1; index <= count; index++) {
            long to = size * index / count;
            pieces.add(new ExtractFile(path, typeName, to - from, from));
            from = to;
        }
        return pieces;
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

    /**
     * The whole file's bytes, or a piece's lines ({@link FilePiece}) numbered on from the line
     * feeds before it, so records, skipped.csv and provenance name the line of the whole file.
     */
    @Override
    public Lines open()
            throws IOException
    {
        if (start == 0 && (isGzip() || size >= Files.size(path))) {
            return new Lines(Files.newInputStream(path), 1);
        }
        long firstLine = start == 0 ? 1 : FilePiece.linesBefore(path, start) + 1;
        return new Lines(FilePiece.open(path, start, start + size), firstLine);
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

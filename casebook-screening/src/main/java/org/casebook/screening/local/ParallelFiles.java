package org.casebook.screening.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Reads files on several threads, the largest first (so one big file does not start last), and
 * returns their results in the files' order. The first failure in file order is thrown.
 */
public final class ParallelFiles
{
    /** Files smaller than this are never cut into pieces: counting the lines before a piece costs a scan of them. */
    static final long MIN_PIECE_BYTES = 4L << 20;

    /** For tests: when above 1, every uncompressed file is cut into this many pieces, whatever its size. */
    static volatile int forcedPieces;

    private ParallelFiles() {}

    /**
     * As {@link #read(List, int, Function)}, but an uncompressed file larger than its share of the
     * bytes (all bytes over the threads) is read in pieces on several threads ({@link
     * ExtractFile#pieces}); {@code merge} joins a file's results in file order, as if one reader had
     * read on (it may return its first argument, added to).
     */
    public static <T> List<T> read(List<ExtractFile> files, int threads, Function<ExtractFile, T> reader, BinaryOperator<T> merge)
    {
        List<List<ExtractFile>> piecesOfFiles = pieces(files, threads);
        List<ExtractFile> pieces = piecesOfFiles.stream().flatMap(List::stream).toList();
        List<T> results = read(pieces, threads, reader);
        List<T> merged = new ArrayList<>(files.size());
        int next = 0;
        for (List<ExtractFile> ofFile : piecesOfFiles) {
            T result = results.get(next++);
            for (int piece = 1; piece < ofFile.size(); piece++) {
                result = merge.apply(result, results.get(next++));
            }
            merged.add(result);
        }
        return merged;
    }

    /** Each file as it is read: whole, or in pieces when it is larger than its share of the bytes and the threads can share it. */
    static List<List<ExtractFile>> pieces(List<ExtractFile> files, int threads)
    {
        long total = files.stream().mapToLong(ExtractFile::size).sum();
        long share = threads <= 1 ? Long.MAX_VALUE : Math.max(total / threads, 1);
        List<List<ExtractFile>> pieces = new ArrayList<>(files.size());
        for (ExtractFile file : files) {
            long count = file.size() > share ? Math.min(threads, Math.min((file.size() + share - 1) / share, file.size() / MIN_PIECE_BYTES)) : 1;
            pieces.add(file.pieces(forcedPieces > 1 ? forcedPieces : (int) count));
        }
        return pieces;
    }

    public static <T> List<T> read(List<ExtractFile> files, int threads, Function<ExtractFile, T> reader)
    {
        if (threads <= 1 || files.size() <= 1) {
            return files.stream().map(reader).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), runnable -> {
            Thread thread = new Thread(runnable, "screening-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(files.size());
            files.forEach(file -> futures.add(null));
            List<Integer> largestFirst = new ArrayList<>();
            for (int index = 0; index < files.size(); index++) {
                largestFirst.add(index);
            }
            largestFirst.sort(Comparator.comparingLong((Integer index) -> files.get(index).size()).reversed());
            for (int index : largestFirst) {
                ExtractFile file = files.get(index);
                futures.set(index, pool.submit(() -> reader.apply(file)));
            }
            List<T> results = new ArrayList<>(files.size());
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        catch (ExecutionException e) {
            throw thrownBy(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the extract", e);
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** What a task threw, to be thrown again by the thread that waited for it: its unchecked exception or error as it was, else wrapped. */
    public static RuntimeException thrownBy(ExecutionException e)
    {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e.getCause());
    }
}

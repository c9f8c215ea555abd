package org.casebook.screening.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads files on several threads, the largest first (so one big file does not start last), and
 * returns their results in the files' order. The first failure in file order is thrown.
 */
public final class ParallelFiles
{
    private ParallelFiles() {}

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
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the extract", e);
        }
        finally {
            pool.shutdownNow();
        }
    }
}

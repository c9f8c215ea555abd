package org.casebook.analysis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

/**
 * Writes the values of a long JSON array (the results' patients and scans) with the text of each
 * made on other threads, a chunk at a time, while the document's generator writes them in order.
 * Formatting the numbers of a 100,000-patient series' 400,000 objects took a core for a quarter of
 * {@code analyze}. Each value is made by a generator of its own at the same depth as in the document
 * (an array in the root object, with the document's pretty printer), so its text is the text the
 * document's generator would write; the document's generator writes the separator and indentation
 * before it ({@link JsonGenerator#writeRawValue(String)}).
 */
final class JsonParts
{
    /** Values per chunk: enough to make a chunk worth a task, few enough to hold little text. */
    static final int CHUNK = 1_000;

    /** Writes one value. */
    interface Part<T>
    {
        void write(JsonGenerator generator, T value)
                throws IOException;
    }

    private JsonParts() {}

    /** Writes {@code values} into the open array of {@code generator}, each as {@code part} writes it. */
    static <T> void write(JsonGenerator generator, List<T> values, Part<T> part, int chunk)
            throws IOException
    {
        if (values.size() <= chunk) {
            for (T value : values) {
                part.write(generator, value);
            }
            return;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "casebook-json");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<List<String>>> ahead = new ArrayDeque<>();
            int next = 0;
            while (next < values.size() || !ahead.isEmpty()) {
                // a few chunks ahead of the writing, not the whole array's text at once
                while (next < values.size() && ahead.size() < 2 * threads) {
                    List<T> slice = values.subList(next, Math.min(values.size(), next + chunk));
                    ahead.add(pool.submit(() -> texts(slice, part)));
                    next += slice.size();
                }
                for (String text : result(ahead.removeFirst())) {
                    generator.writeRawValue(text);
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** Each value's text as the document's generator would write it, without the separator and indentation before it. */
    static <T> List<String> texts(List<T> values, Part<T> part)
            throws IOException
    {
        List<String> texts = new ArrayList<>(values.size());
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = ResultsJson.MAPPER.getFactory().createGenerator(text)) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
            // the depth the values have in the document: an array in the root object
            generator.writeStartObject();
            generator.writeArrayFieldStart("values");
            for (T value : values) {
                generator.flush();
                text.getBuffer().setLength(0);
                part.write(generator, value);
                generator.flush();
                StringBuffer written = text.getBuffer();
                int start = 0;
                // the separator (a comma) and the indentation, which the document's generator writes itself
                while (start < written.length() && (written.charAt(start) == ',' || Character.isWhitespace(written.charAt(start)))) {
                    start++;
                }
                texts.add(written.substring(start));
            }
        }
        return texts;
    }

    private static List<String> result(Future<List<String>> future)
            throws IOException
    {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
                catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new UncheckedIOException(new IOException(cause));
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

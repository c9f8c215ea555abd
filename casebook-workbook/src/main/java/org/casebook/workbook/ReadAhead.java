package org.casebook.workbook;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.commons.csv.CSVRecord;

/**
 * Parses a CSV file's records on a daemon thread of its own, in batches of rows a few batches
 * ahead of their reader, each cell stripped and an empty cell null (as {@link SheetRow} holds
 * them). A file that cannot be parsed further ends with a batch carrying the failure, taken in
 * its place among the rows: the rows before it are read first, as without the thread.
 */
final class ReadAhead
{
    private static final int BATCH_ROWS = 512;
    /** Batches parsed ahead: enough to keep both threads busy, few enough to hold little memory. */
    private static final int BATCHES_AHEAD = 8;

    /** Some rows in order: their numbers and cells, then the end of the file or a failure, if reached. */
    static final class Batch
    {
        private final int[] numbers = new int[BATCH_ROWS];
        private final String[][] cells = new String[BATCH_ROWS][];
        private int size;
        private boolean last;
        private RuntimeException failure;
        private Throwable unexpected;

        int size()
        {
            return size;
        }

        int number(int row)
        {
            return numbers[row];
        }

        String[] cells(int row)
        {
            return cells[row];
        }

        /** True for the file's last batch: no rows follow. */
        boolean isLast()
        {
            return last;
        }

        /** Why the file could not be parsed after this batch's rows, or null. */
        RuntimeException failure()
        {
            return failure;
        }
    }

    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;

    private ReadAhead(String name, Iterator<CSVRecord> records, int width)
    {
        this.thread = new Thread(() -> parse(records, width), "casebook-parse-" + name);
        // an import that ends early does not wait for this thread to end the program
        thread.setDaemon(true);
    }

    /** Starts parsing the records that are left; {@code width} cells are kept of each (the header's). */
    static ReadAhead start(String name, Iterator<CSVRecord> records, int width)
    {
        ReadAhead ahead = new ReadAhead(name, records, width);
        ahead.thread.start();
        return ahead;
    }

    /**
     * The next batch, waiting for it; the last one is {@link Batch#isLast()} or has a {@link Batch#failure()}.
     * What the parsing thread threw unexpectedly is thrown here.
     */
    Batch take()
    {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Batch batch = batches.take();
                    if (batch.unexpected instanceof RuntimeException e) {
                        throw e;
                    }
                    if (batch.unexpected instanceof Error e) {
                        throw e;
                    }
                    return batch;
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops parsing (nothing more is taken) and waits for the thread to end, before its file is closed. */
    void stop()
    {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            }
            catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void parse(Iterator<CSVRecord> records, int width)
    {
        try {
            Batch batch = new Batch();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        batch.last = true;
                        batches.put(batch);
                        return;
                    }
                    record = records.next();
                }
                catch (UncheckedIOException | IllegalStateException e) {
                    batch.failure = e;
                    batches.put(batch);
                    return;
                }
                String[] cells = new String[width];
                for (int i = 0; i < Math.min(record.size(), width); i++) {
                    String value = record.get(i).strip();
                    if (!value.isEmpty()) {
                        cells[i] = value;
                    }
                }
                batch.numbers[batch.size] = (int) record.getRecordNumber() - 1;
                batch.cells[batch.size] = cells;
                batch.size++;
                if (batch.size == BATCH_ROWS) {
                    batches.put(batch);
                    batch = new Batch();
                }
            }
        }
        catch (InterruptedException e) {
            // stopped: nothing more is wanted
        }
        catch (RuntimeException | Error e) {
            // an internal error stays one, thrown where the rows are taken: the reader must not wait for rows that never come
            Batch failed = new Batch();
            failed.unexpected = e;
            if (!batches.offer(failed)) {
                batches.clear();
                batches.offer(failed);
            }
        }
    }
}

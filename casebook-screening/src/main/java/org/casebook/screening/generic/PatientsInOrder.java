package org.casebook.screening.generic;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

import org.casebook.screening.local.ParallelFiles;

/**
 * Works on each patient on every core and hands the results over in patient id order, on this
 * thread: this thread hands the patients over from the store (merging their parts, from disk when
 * they were spilled) in batches, the batches are worked on by a pool of threads, and each batch's
 * results are handed over once it and every batch before it are done. Deciding and extracting the
 * candidates had run on this thread alone while the other core idled (docs/screening.md,
 * "Whole-process benchmark"). At most a few batches are under way or waiting at once, so the
 * patients and results held stay bounded as when spilled.
 */
final class PatientsInOrder
{
    private PatientsInOrder() {}

    /**
     * Hands {@code inOrder} what {@code work} makes of each patient (nothing for a null), in the
     * patients' order, whatever the number of threads; {@code work} is asked on several threads at
     * once, so it must hold no state of its own. A failure is thrown when its batch's turn comes,
     * after the batches before it were handed over: the first in patient order, as one thread meets it.
     */
    static <R> void forEach(Patients patients, Function<GenericPatient, R> work, Consumer<R> inOrder, int threads)
            throws IOException
    {
        if (threads <= 1) {
            patients.forEach(patient -> handOver(work.apply(patient), inOrder));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "screening-decider");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<List<R>>> underWay = new ArrayDeque<>();
        List<List<GenericPatient>> batch = new ArrayList<>(List.of(new ArrayList<>(IncludedPatients.BATCH)));
        try {
            patients.forEach(patient -> {
                batch.get(0).add(patient);
                if (batch.get(0).size() == IncludedPatients.BATCH) {
                    underWay.add(submit(pool, batch.get(0), work));
                    batch.set(0, new ArrayList<>(IncludedPatients.BATCH));
                    // Those done are handed over at once; past a few under way, this thread waits for the first.
                    while (!underWay.isEmpty() && (underWay.size() > 2 * threads || underWay.peekFirst().isDone())) {
                        handOverFirst(underWay, inOrder);
                    }
                }
            });
            if (!batch.get(0).isEmpty()) {
                underWay.add(submit(pool, batch.get(0), work));
            }
            while (!underWay.isEmpty()) {
                handOverFirst(underWay, inOrder);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static <R> Future<List<R>> submit(ExecutorService pool, List<GenericPatient> batch, Function<GenericPatient, R> work)
    {
        return pool.submit(() -> {
            List<R> results = new ArrayList<>(batch.size());
            for (GenericPatient patient : batch) {
                results.add(work.apply(patient));
            }
            return results;
        });
    }

    private static <R> void handOverFirst(Deque<Future<List<R>>> underWay, Consumer<R> inOrder)
    {
        try {
            for (R result : underWay.removeFirst().get()) {
                handOver(result, inOrder);
            }
        }
        catch (ExecutionException e) {
            throw ParallelFiles.thrownBy(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding the candidates", e);
        }
    }

    private static <R> void handOver(R result, Consumer<R> inOrder)
    {
        if (result != null) {
            inOrder.accept(result);
        }
    }
}

package org.casebook.screening.generic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

import org.casebook.screening.local.ParallelFiles;

/**
 * Which possible candidates the rules include, decided on every core: this thread hands the
 * patients over from the store (merging their parts, from disk when they were spilled) in batches,
 * and the batches are decided on a pool of threads. Before, the deciding ran on this thread alone
 * while the other core idled between two reading steps (docs/screening.md, "Whole-process benchmark").
 * At most a few batches wait at once, so the patients held stay bounded as when spilled.
 */
final class IncludedPatients
{
    /** Patients a batch holds: large enough that handing over costs little, small enough to share the work evenly. */
    static final int BATCH = 64;

    private IncludedPatients() {}

    /** The ids of the patients {@code included} accepts, however many threads decide them (the rules are pure). */
    static Set<String> of(Patients patients, Predicate<GenericPatient> included, int threads)
            throws IOException
    {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        if (threads <= 1) {
            patients.forEach(patient -> {
                if (included.test(patient)) {
                    ids.add(patient.patientId());
                }
            });
            return ids;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "screening-decider");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore waiting = new Semaphore(2 * threads);
        List<Future<?>> decided = new ArrayList<>();
        List<List<GenericPatient>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
        try {
            patients.forEach(patient -> {
                batch.get(0).add(patient);
                if (batch.get(0).size() == BATCH) {
                    decided.add(submit(pool, waiting, batch.get(0), included, ids));
                    batch.set(0, new ArrayList<>(BATCH));
                }
            });
            if (!batch.get(0).isEmpty()) {
                decided.add(submit(pool, waiting, batch.get(0), included, ids));
            }
            for (Future<?> future : decided) {
                future.get();
            }
            return ids;
        }
        catch (ExecutionException e) {
            throw ParallelFiles.thrownBy(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding the possible candidates", e);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static Future<?> submit(ExecutorService pool, Semaphore waiting, List<GenericPatient> batch, Predicate<GenericPatient> included, Set<String> ids)
    {
        waiting.acquireUninterruptibly();
        return pool.submit(() -> {
            try {
                for (GenericPatient patient : batch) {
                    if (included.test(patient)) {
                        ids.add(patient.patientId());
                    }
                }
            }
            finally {
                waiting.release();
            }
        });
    }
}

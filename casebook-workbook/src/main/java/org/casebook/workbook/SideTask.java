package org.casebook.workbook;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work done on a thread of its own while the import goes on, whose result or failure is taken
 * where it is needed: a failure is thrown there as it was thrown on the other thread (a located
 * error stays a located error, not an ExecutionException).
 */
final class SideTask<T>
{
    private final FutureTask<T> task;

    private SideTask(Callable<T> work)
    {
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a daemon thread named {@code name}. */
    static <T> SideTask<T> start(String name, Callable<T> work)
    {
        SideTask<T> side = new SideTask<>(work);
        Thread thread = new Thread(side.task, name);
        // an import that fails on the main thread does not wait for this one to end the program
        thread.setDaemon(true);
        thread.start();
        return side;
    }

    /** Runs {@code work} on this thread, its failures thrown as {@link #result()} throws them. */
    static <T> T call(Callable<T> work)
    {
        SideTask<T> side = new SideTask<>(work);
        side.task.run();
        return side.result();
    }

    /** Waits for the result; throws what the work threw. */
    T result()
    {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
                catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the work, whose result is no longer wanted. */
    void cancel()
    {
        task.cancel(true);
    }

    private static RuntimeException rethrown(Throwable cause)
    {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        // the readers throw no checked exceptions; kept whole for --debug if one ever does
        throw new IllegalStateException(cause);
    }
}

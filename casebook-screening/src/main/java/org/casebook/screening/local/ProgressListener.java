package org.casebook.screening.local;

/** Told how far a long job has got, so a command line can show a progress bar. */
public interface ProgressListener
{
    ProgressListener NONE = new ProgressListener()
    {
        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long amount) {}

        @Override
        public void finish() {}
    };

    /** A new phase of {@code total} units (bytes, patients) begins. */
    void start(String task, long total);

    void advance(long amount);

    void finish();
}

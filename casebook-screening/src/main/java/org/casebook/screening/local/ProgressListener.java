package org.casebook.screening.local;

/** Told how far a long job has got, so a command line can show a progress bar. */
public interface ProgressListener
{
    /** What a phase counts. */
    enum Unit { BYTES, PATIENTS }

    ProgressListener NONE = new ProgressListener()
    {
        @Override
        public void start(String task, long total, Unit unit) {}

        @Override
        public void advance(long amount) {}

        @Override
        public void finish() {}
    };

    /** A new phase of {@code total} units begins. */
    void start(String task, long total, Unit unit);

    void advance(long amount);

    void finish();
}

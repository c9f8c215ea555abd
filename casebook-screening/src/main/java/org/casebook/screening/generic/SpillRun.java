package org.casebook.screening.generic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One file of patients' parts written to disk, sorted by patient id: each entry a patient and its
 * parts in reading order ({@link FileReading.PatientPart}s, Java-serialized as the Spark engine
 * sends them). Read back once per merge, entry by entry.
 */
final class SpillRun
{
    /** Only the engine's own values are read back (the files are the run's own, in an owner-only folder; this is a second lock). */
    private static final ObjectInputFilter ONLY_OURS = ObjectInputFilter.Config.createFilter("org.casebook.**;java.**;!*");
    /** Entries between resets of the stream's table of objects already written (it would otherwise keep every one). */
    private static final int RESET_EVERY = 512;
    private static final int BUFFER = 1 << 16;

    /** A patient and its parts in reading order. */
    record Entry(String patientId, List<FileReading.PatientPart> parts)
    {
        Entry
        {
            requireNonNull(patientId, "patientId is null");
            parts = List.copyOf(parts);
        }
    }

    private final Path file;

    private SpillRun(Path file)
    {
        this.file = file;
    }

    /** Writes entries, given in patient id order, to a new file. */
    static final class Writer
            implements Closeable
    {
        private final Path file;
        private final ObjectOutputStream out;
        private int written;

        Writer(Path file)
                throws IOException
        {
            this.file = file;
            this.out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
        }

        void write(Entry entry)
        {
            try {
                out.writeBoolean(true);
                out.writeObject(entry.patientId());
                out.writeObject(entry.parts().toArray(FileReading.PatientPart[]::new));
                if (++written % RESET_EVERY == 0) {
                    out.reset();
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SpillRun finish()
                throws IOException
        {
            out.writeBoolean(false);
            out.close();
            return new SpillRun(file);
        }

        @Override
        public void close()
                throws IOException
        {
            out.close();
        }
    }

    Path file()
    {
        return file;
    }

    /** Entries in patient id order, one at a time. */
    interface Entries
            extends Closeable
    {
        /** The next entry, or null after the last. */
        Entry next()
                throws IOException;

        @Override
        default void close()
                throws IOException {}
    }

    /** Reads the entries back in order. */
    Cursor open()
            throws IOException
    {
        ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        in.setObjectInputFilter(ONLY_OURS);
        return new Cursor(in);
    }

    /** The entries of a run, one at a time. */
    static final class Cursor
            implements Entries
    {
        private final ObjectInputStream in;

        private Cursor(ObjectInputStream in)
        {
            this.in = in;
        }

        @Override
        public Entry next()
                throws IOException
        {
            if (!in.readBoolean()) {
                return null;
            }
            try {
                return new Entry((String) in.readObject(), List.of((FileReading.PatientPart[]) in.readObject()));
            }
            catch (ClassNotFoundException | InvalidClassException | ClassCastException e) {
                throw new IOException("a spill file of this run holds something else than patients' parts: " + e.getMessage(), e);
            }
        }

        @Override
        public void close()
                throws IOException
        {
            in.close();
        }
    }
}

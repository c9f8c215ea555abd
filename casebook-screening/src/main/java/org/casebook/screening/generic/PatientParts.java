package org.casebook.screening.generic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.io.OutputFolder;

/**
 * The possible candidates' records as the FHIR reader collects them, file by file, bounded in
 * memory by a {@link SpillLimit}: a reader holding its share writes its patients to a
 * {@link SpillRun} sorted by patient id and starts afresh. The patients are then merged from all
 * parts at once, one patient at a time, each from its parts in reading order (file order, then,
 * for a file read in pieces, the pieces in file order, then the order a file's or piece's parts
 * were written) exactly as {@link FileReading#patient} merges a cluster's: so the patients are the
 * same whether or not anything was spilled or read in pieces (docs/screening.md, "Memory").
 */
final class PatientParts
        implements Patients
{
    /** Files merged at once; past this, consecutive parts are first merged into fewer files. */
    static final int MOST_OPEN = 64;

    private final SpillLimit limit;
    private final int readers;
    private final Path parent;
    private Path folder;
    private int files;
    private final List<Part> parts = new ArrayList<>();
    private final Map<Integer, Integer> partsPerFile = new java.util.HashMap<>();
    private long heldInMemory;
    private Set<String> only;

    /**
     * One file's patients read between two spills: held in memory ({@code held}) or written ({@code run});
     * {@code pieceStart}: where the piece of the file read starts, when it was read in pieces (else 0).
     */
    private record Part(int fileOrder, long pieceStart, int sequence, TreeMap<String, FileReading.PatientPart> held, SpillRun run) {}

    /**
     * @param readers how many files are read at once (each holds its share of the limit)
     * @param parent where the spill folder is made (the output's partial folder); null: {@code java.io.tmpdir}
     */
    PatientParts(SpillLimit limit, int readers, Path parent)
    {
        this.limit = limit;
        this.readers = readers;
        this.parent = parent;
    }

    /** How many records (and patients) one reader holds before it spills. */
    long perReader()
    {
        return limit.perReader(readers);
    }

    /** How many spill files were written (merges included), for tests and the docs' measurements. */
    synchronized int spillFiles()
    {
        return files;
    }

    /** From now on, hands over only these patients (the possible candidates); null: every patient. */
    void restrictTo(Set<String> patientIds)
    {
        this.only = patientIds;
    }

    /** A reader holding its share: its patients so far written to a spill file, the reader emptied. */
    void spill(int fileOrder, long pieceStart, GenericExtractReader reader)
    {
        TreeMap<String, FileReading.PatientPart> taken = FileReading.take(reader);
        if (!taken.isEmpty()) {
            add(fileOrder, pieceStart, null, write(taken));
        }
    }

    /** A reader at the end of its file: the rest of its patients kept in memory while they fit in half the limit, else spilled. */
    void finish(int fileOrder, long pieceStart, GenericExtractReader reader, long held)
    {
        TreeMap<String, FileReading.PatientPart> taken = FileReading.take(reader);
        if (taken.isEmpty()) {
            return;
        }
        boolean fits;
        synchronized (this) {
            fits = heldInMemory + held <= limit.records() / 2;
            if (fits) {
                heldInMemory += held;
            }
        }
        if (fits) {
            add(fileOrder, pieceStart, taken, null);
        }
        else {
            add(fileOrder, pieceStart, null, write(taken));
        }
    }

    private synchronized void add(int fileOrder, long pieceStart, TreeMap<String, FileReading.PatientPart> held, SpillRun run)
    {
        int sequence = partsPerFile.merge(fileOrder, 1, Integer::sum);
        parts.add(new Part(fileOrder, pieceStart, sequence, held, run));
    }

    private SpillRun write(TreeMap<String, FileReading.PatientPart> taken)
    {
        Path file = newFile();
        try (SpillRun.Writer writer = new SpillRun.Writer(file)) {
            for (Map.Entry<String, FileReading.PatientPart> entry : taken.entrySet()) {
                writer.write(new SpillRun.Entry(entry.getKey(), List.of(entry.getValue())));
            }
            return writer.finish();
        }
        catch (IOException | java.io.UncheckedIOException e) {
            throw cannotWrite(file, e);
        }
    }

    private synchronized Path newFile()
    {
        try {
            if (folder == null) {
                Path where = parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : parent;
                // Owner-only: the files hold patients' records.
                folder = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                        ? Files.createTempDirectory(where, ".spill-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                        : Files.createTempDirectory(where, ".spill-");
            }
            return folder.resolve("run-" + ++files + ".bin");
        }
        catch (IOException e) {
            throw cannotWrite(parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : parent, e);
        }
    }

    private static CasebookException cannotWrite(Path where, Exception e)
    {
        return new CasebookException(ErrorCode.INTERNAL, "cannot write the screening's spill file " + where + ": " + e.getMessage()
                + " (past --spill-after records, the candidates' records are written to disk: free some space there, or raise --spill-after)", e);
    }

    /** Every patient (of {@link #restrictTo}) from every part so far, in patient id order. */
    @Override
    public void forEach(Consumer<GenericPatient> action)
            throws IOException
    {
        List<Part> ordered = new ArrayList<>();
        synchronized (this) {
            ordered.addAll(parts);
        }
        ordered.sort(Comparator.comparingInt(Part::fileOrder).thenComparingLong(Part::pieceStart).thenComparingInt(Part::sequence));
        List<SpillRun> merged = new ArrayList<>();
        try {
            List<Source> sources = fewEnough(ordered.stream().map(PatientParts::source).toList(), merged);
            merge(sources, entry -> {
                if (only != null && !only.contains(entry.patientId())) {
                    return;
                }
                // A patient only named by records that could not matter (dates noted, nothing kept) is no patient, as without spilling.
                if (entry.parts().stream().anyMatch(part -> !part.records().isEmpty() || part.patientSource() != null)) {
                    action.accept(FileReading.patient(entry.patientId(), entry.parts()));
                }
            });
        }
        finally {
            for (SpillRun run : merged) {
                Files.deleteIfExists(run.file());
            }
        }
    }

    /** The sources, consecutive ones merged into files of their own (noted in {@code merged}) until at most {@link #MOST_OPEN} remain. */
    private List<Source> fewEnough(List<Source> sources, List<SpillRun> merged)
            throws IOException
    {
        List<Source> remaining = sources;
        while (remaining.size() > MOST_OPEN) {
            List<Source> fewer = new ArrayList<>();
            for (int from = 0; from < remaining.size(); from += MOST_OPEN) {
                List<Source> group = remaining.subList(from, Math.min(remaining.size(), from + MOST_OPEN));
                if (group.size() == 1) {
                    fewer.add(group.get(0));
                    continue;
                }
                Path file = newFile();
                SpillRun run;
                try (SpillRun.Writer writer = new SpillRun.Writer(file)) {
                    merge(group, writer::write);
                    run = writer.finish();
                }
                merged.add(run);
                fewer.add(run::open);
            }
            remaining = fewer;
        }
        return remaining;
    }

    /** Where a part's entries come from, opened for one merge. */
    private interface Source
    {
        SpillRun.Entries open()
                throws IOException;
    }

    private static Source source(Part part)
    {
        if (part.run() != null) {
            return part.run()::open;
        }
        return () -> {
            Iterator<Map.Entry<String, FileReading.PatientPart>> entries = part.held().entrySet().iterator();
            return () -> {
                if (!entries.hasNext()) {
                    return null;
                }
                Map.Entry<String, FileReading.PatientPart> entry = entries.next();
                return new SpillRun.Entry(entry.getKey(), List.of(entry.getValue()));
            };
        };
    }

    /** The current entry of one source in a merge, and the source's place in reading order. */
    private record Head(SpillRun.Entry entry, int order, SpillRun.Entries opened) {}

    /** A k-way merge by patient id: each patient once, with its parts from every source in the sources' order. */
    private static void merge(List<Source> sources, Consumer<SpillRun.Entry> each)
            throws IOException
    {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head head) -> head.entry().patientId()).thenComparingInt(Head::order));
        List<SpillRun.Entries> open = new ArrayList<>();
        try {
            for (int order = 0; order < sources.size(); order++) {
                SpillRun.Entries opened = sources.get(order).open();
                open.add(opened);
                SpillRun.Entry first = opened.next();
                if (first != null) {
                    heads.add(new Head(first, order, opened));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                String patientId = head.entry().patientId();
                List<FileReading.PatientPart> patientParts = new ArrayList<>(head.entry().parts());
                advance(head, heads);
                while (!heads.isEmpty() && heads.peek().entry().patientId().equals(patientId)) {
                    Head next = heads.poll();
                    patientParts.addAll(next.entry().parts());
                    advance(next, heads);
                }
                each.accept(new SpillRun.Entry(patientId, patientParts));
            }
        }
        finally {
            for (SpillRun.Entries entries : open) {
                try {
                    entries.close();
                }
                catch (IOException e) {
                    // a read-only file: nothing was lost
                }
            }
        }
    }

    private static void advance(Head head, PriorityQueue<Head> heads)
            throws IOException
    {
        SpillRun.Entry next = head.opened().next();
        if (next != null) {
            heads.add(new Head(next, head.order(), head.opened()));
        }
    }

    /** Deletes the spill folder (on success and on failure alike). */
    @Override
    public synchronized void close()
            throws IOException
    {
        if (folder != null) {
            OutputFolder.deleteRecursively(folder);
            folder = null;
        }
    }
}

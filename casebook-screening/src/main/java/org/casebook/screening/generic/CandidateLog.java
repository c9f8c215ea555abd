package org.casebook.screening.generic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.io.OutputFolder;
import org.casebook.screening.output.CaseFiles;
import org.casebook.screening.output.ScreeningFiles;

/**
 * What screening writes of each candidate, taken as each is decided: its screening.csv row, its
 * evidence.csv rows and, when included, its lines of the case files, as text. Held in memory up to
 * a number of bytes; past it, the rows held are written to a file sorted in the log's order and
 * dropped, so memory does not grow with the candidates (docs/screening.md, "Memory"). At the end
 * the files and the rows held are merged into the outputs in the log's order: the included by day 0
 * then patient id (numbered as cases), then the excluded by patient id.
 */
final class CandidateLog
        implements Closeable
{
    /** Files merged at once; past this, consecutive files are first merged into fewer. */
    static final int MOST_OPEN = 64;
    private static final int BUFFER = 1 << 16;
    /** What a held row costs beyond its text (the object, its array and strings' headers). */
    private static final long ROW_OVERHEAD = 160;

    /**
     * One candidate as written: {@code log} is its screening.csv line without the case number
     * (starting with the comma after it); {@code cases} etc. are empty for an excluded candidate.
     */
    record Row(boolean included, long dayZero, String patientId, String log, String evidence, String cases, String measurements, String ctStudies,
            String provenance)
    {
        /** The log's order: the included first, by day 0 then patient id; then the excluded by patient id (ids are unique). */
        static final Comparator<Row> LOG_ORDER = Comparator.comparing((Row row) -> !row.included()).thenComparingLong(Row::dayZero)
                .thenComparing(Row::patientId);

        long weight()
        {
            return ROW_OVERHEAD + patientId.length() + log.length() + evidence.length() + cases.length() + measurements.length() + ctStudies.length()
                    + provenance.length();
        }
    }

    private final CaseFiles caseFiles;
    private final long heldBytes;
    private final Path parent;
    private Path folder;
    private int fileNumber;
    private final List<Path> files = new ArrayList<>();
    private final List<Row> held = new ArrayList<>();
    private long weight;

    /**
     * @param heldBytes the rows' text held in memory before they are written to a file ({@link Long#MAX_VALUE}: never)
     * @param parent where the folder of those files is made (the output's partial folder); null: {@code java.io.tmpdir}
     */
    CandidateLog(CaseFiles caseFiles, long heldBytes, Path parent)
    {
        this.caseFiles = caseFiles;
        this.heldBytes = heldBytes;
        this.parent = parent;
    }

    /** A candidate's rows, {@code extracted} its case values when included (else null). */
    void add(GenericDecision decision, GenericCase extracted)
    {
        add(row(decision, extracted));
    }

    private void add(Row row)
    {
        held.add(row);
        weight += row.weight();
        if (weight > heldBytes) {
            files.add(writeHeld());
        }
    }

    /** Writes screening.csv, evidence.csv and the case files into {@code folder}, every candidate in the log's order. */
    void writeInto(Path folder)
            throws IOException
    {
        while (files.size() + 1 > MOST_OPEN) {
            mergeFirstFiles();
        }
        held.sort(Row.LOG_ORDER);
        List<Rows> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(new FileRows(file));
        }
        sources.add(new HeldRows(held));
        try (Writer log = Files.newBufferedWriter(folder.resolve("screening.csv"), StandardCharsets.UTF_8);
                Writer evidence = Files.newBufferedWriter(folder.resolve("evidence.csv"), StandardCharsets.UTF_8);
                CaseFiles.OpenFiles cases = caseFiles.open(folder.resolve("cases"))) {
            log.write(org.casebook.screening.local.Csv.row(ScreeningFiles.SCREENING_COLUMNS));
            evidence.write(org.casebook.screening.local.Csv.row(ScreeningFiles.EVIDENCE_COLUMNS));
            int[] caseNumber = {0};
            merge(sources, row -> {
                if (row.included()) {
                    log.write(Integer.toString(++caseNumber[0]));
                    cases.write(new CaseFiles.Lines(row.cases(), row.measurements(), row.ctStudies(), row.provenance()));
                }
                log.write(row.log());
                evidence.write(row.evidence());
            });
        }
    }

    /** How many files of sorted rows were written so far (merged ones included). */
    int filesWritten()
    {
        return fileNumber;
    }

    /** Deletes the files written (on success and on failure alike). */
    @Override
    public void close()
            throws IOException
    {
        if (folder != null) {
            OutputFolder.deleteRecursively(folder);
            folder = null;
        }
    }

    /** The rows held, sorted, to a new file; they are dropped. */
    private Path writeHeld()
    {
        held.sort(Row.LOG_ORDER);
        Path file = newFile();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            for (Row row : held) {
                write(out, row);
            }
            out.writeBoolean(false);
        }
        catch (IOException e) {
            throw cannotWrite(file, e);
        }
        held.clear();
        weight = 0;
        return file;
    }

    /** The first {@link #MOST_OPEN} files merged into one, which takes their place (consecutive files: any order would do, the rows are sorted). */
    private void mergeFirstFiles()
            throws IOException
    {
        List<Path> first = new ArrayList<>(files.subList(0, MOST_OPEN));
        Path merged = newFile();
        List<Rows> sources = new ArrayList<>();
        for (Path file : first) {
            sources.add(new FileRows(file));
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged), BUFFER))) {
            merge(sources, row -> write(out, row));
            out.writeBoolean(false);
        }
        catch (IOException e) {
            throw cannotWrite(merged, e);
        }
        for (Path file : first) {
            Files.delete(file);
        }
        files.subList(0, MOST_OPEN).clear();
        files.add(0, merged);
    }

    private interface RowAction
    {
        void accept(Row row)
                throws IOException;
    }

    /** Every row of the sources (each sorted) in the log's order; the sources are closed. */
    private static void merge(List<Rows> sources, RowAction action)
            throws IOException
    {
        record Head(Row row, Rows source) {}
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, sources.size()), Comparator.comparing(Head::row, Row.LOG_ORDER));
        try {
            for (Rows source : sources) {
                Row first = source.next();
                if (first != null) {
                    heads.add(new Head(first, source));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                action.accept(head.row());
                Row next = head.source().next();
                if (next != null) {
                    heads.add(new Head(next, head.source()));
                }
            }
        }
        finally {
            for (Rows source : sources) {
                source.close();
            }
        }
    }

    private Row row(GenericDecision decision, GenericCase extracted)
    {
        boolean included = decision.isIncluded();
        String log = ScreeningFiles.line(new ScreeningFiles.LogRow(
                "",
                decision.patientId(),
                included ? "included" : "excluded",
                included ? decision.dayZero().toString() : "",
                decision.index().record().source().id(),
                decision.failedCriterion() == null ? "" : decision.failedCriterion(),
                String.join(";", decision.evidence().stream().map(e -> e.criterionId() + "=" + e.source().reference()).toList()),
                String.join(";", decision.matchedByText())));
        StringBuilder evidence = new StringBuilder();
        for (GenericDecision.Evidence entry : decision.evidence()) {
            EvidenceRecord record = entry.record();
            evidence.append(ScreeningFiles.line(new ScreeningFiles.EvidenceRow(decision.patientId(), entry.criterionId(), entry.source().reference(),
                    record.kind(), record.codeSystem(), record.code(), record.display(), record.date(), record.value(), record.unit())));
        }
        CaseFiles.Lines lines = included ? caseLines(extracted) : new CaseFiles.Lines("", "", "", "");
        return new Row(included, included ? decision.dayZero().toEpochDay() : 0, decision.patientId(), log, evidence.toString(),
                lines.cases(), lines.measurements(), lines.ctStudies(), lines.provenance());
    }

    private CaseFiles.Lines caseLines(GenericCase extracted)
    {
        Map<String, CaseFiles.Field> fields = new LinkedHashMap<>();
        extracted.fields().forEach((name, value) -> fields.put(name, new CaseFiles.Field(value.text(), GenericScreening.sources(value.sources()))));
        return caseFiles.lines(new CaseFiles.Case(extracted.patientId(), fields,
                extracted.measurements().stream()
                        .map(m -> new CaseFiles.Measured(m.timepoint(), m.variable(), m.value(), m.unit(), m.date(), GenericScreening.sources(m.sources()))).toList(),
                extracted.ctStudies().stream().map(study -> new CaseFiles.Study(study.timepoint(), study.date(), GenericScreening.source(study.source()))).toList()));
    }

    private static void write(DataOutputStream out, Row row)
            throws IOException
    {
        out.writeBoolean(true);
        out.writeBoolean(row.included());
        out.writeLong(row.dayZero());
        for (String text : List.of(row.patientId(), row.log(), row.evidence(), row.cases(), row.measurements(), row.ctStudies(), row.provenance())) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private Path newFile()
    {
        Path where = parent == null ? Path.of(System.getProperty("java.io.tmpdir")) : parent;
        try {
            if (folder == null) {
                // Owner-only: the rows name patients and their records.
                folder = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                        ? Files.createTempDirectory(where, ".log-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                        : Files.createTempDirectory(where, ".log-");
            }
            return folder.resolve("rows-" + ++fileNumber + ".bin");
        }
        catch (IOException e) {
            throw cannotWrite(where, e);
        }
    }

    private static CasebookException cannotWrite(Path where, Exception e)
    {
        return new CasebookException(ErrorCode.INTERNAL, "cannot write the screening log's rows to " + where + ": " + e.getMessage()
                + " (past --spill-after, the candidates' rows are written to disk until the outputs are: free some space there, or raise --spill-after)", e);
    }

    /** Rows in the log's order, one at a time. */
    private interface Rows
            extends Closeable
    {
        /** The next row, or null after the last. */
        Row next()
                throws IOException;
    }

    private static final class HeldRows
            implements Rows
    {
        private final java.util.Iterator<Row> rows;

        HeldRows(List<Row> rows)
        {
            this.rows = rows.iterator();
        }

        @Override
        public Row next()
        {
            return rows.hasNext() ? rows.next() : null;
        }

        @Override
        public void close() {}
    }

    private static final class FileRows
            implements Rows
    {
        private final DataInputStream in;

        FileRows(Path file)
                throws IOException
        {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        }

        @Override
        public Row next()
                throws IOException
        {
            if (!in.readBoolean()) {
                return null;
            }
            boolean included = in.readBoolean();
            long dayZero = in.readLong();
            return new Row(included, dayZero, text(), text(), text(), text(), text(), text(), text());
        }

        private String text()
                throws IOException
        {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void close()
                throws IOException
        {
            in.close();
        }
    }
}

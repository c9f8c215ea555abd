package org.casebook.screening.output;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseField;
import org.casebook.screening.local.Csv;

import static java.util.Objects.requireNonNull;

/**
 * The case workbook screening writes (the {@code cases/} folder), for any protocol, in one layout
 * (docs/screening.md, Outputs): CSV with LF line ends, fields quoted only when they must be;
 * {@code cases.csv} (patient_id, then the protocol's case fields in order), {@code measurements.csv}
 * (a value as taken: as the record wrote it, converted, or a ratio to one decimal),
 * {@code ct_studies.csv}, the CT reads sheet's header (the radiologists fill it after screening) and
 * {@code provenance.csv} (one row per source record of every value). Screening and the synthetic
 * hospital's expected files are written by this one writer.
 */
public final class CaseFiles
{
    public static final List<String> MEASUREMENT_COLUMNS = List.of("patient_id", "timepoint", "variable", "value", "unit", "date", "source");
    public static final List<String> CT_STUDY_COLUMNS = List.of("patient_id", "timepoint", "date", "study_id", "source");
    public static final List<String> PROVENANCE_COLUMNS = List.of("patient_id", "field", "timepoint", "value", "resource_type", "resource_id", "file", "line");
    static final List<String> ICHIKADO_READ_COLUMNS = List.of("patient_id", "timepoint", "reader", "zone", "normal", "ggo", "consolidation", "ggo_traction",
            "consolidation_traction", "honeycombing");
    static final List<String> KAZEROONI_READ_COLUMNS = List.of("patient_id", "timepoint", "reader", "lobe", "alveolar", "interstitial");

    /** A source record of a value, as provenance.csv names it. */
    public record Source(String resourceType, String id, String file, long line)
    {
        public String reference()
        {
            return resourceType + "/" + id;
        }
    }

    /** A case field's cell text and its sources. */
    public record Field(String text, List<Source> sources) {}

    /** A variable at a time point: its value as taken, its unit, date and sources. */
    public record Measured(String timepoint, String variable, BigDecimal value, String unit, LocalDate date, List<Source> sources) {}

    /** The CT study of a time point. */
    public record Study(String timepoint, LocalDate date, Source source) {}

    /** One case: the fields by name (in the protocol's order when written), the measurements and CT studies in order. */
    public record Case(String patientId, Map<String, Field> fields, List<Measured> measurements, List<Study> studies) {}

    private final StudyProtocol protocol;

    public CaseFiles(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /** One case as the lines it adds to each file of {@code cases/} (each empty or ending in a line end). */
    public record Lines(String cases, String measurements, String ctStudies, String provenance) {}

    /** Writes the case files into {@code folder} (created when missing). */
    public void write(List<Case> cases, Path folder)
            throws IOException
    {
        try (OpenFiles out = open(folder)) {
            for (Case c : cases) {
                out.write(lines(c));
            }
        }
    }

    /** The case files of {@code folder} (created when missing), their headers written; cases are added in case order, as lines ({@link #lines}). */
    public OpenFiles open(Path folder)
            throws IOException
    {
        return new OpenFiles(folder);
    }

    /** A case's lines in each file: cases.csv in the protocol's field order, then its provenance, measurements and CT studies in order. */
    public Lines lines(Case c)
    {
        List<String> row = new ArrayList<>();
        row.add(c.patientId());
        for (String name : fieldNames()) {
            Field field = c.fields().get(name);
            row.add(field == null ? "" : field.text());
        }
        StringBuilder provenance = new StringBuilder();
        for (String name : fieldNames()) {
            Field field = c.fields().get(name);
            if (field != null) {
                provenance(provenance, c.patientId(), name, "", field.text(), field.sources());
            }
        }
        StringBuilder measurements = new StringBuilder();
        for (Measured measured : c.measurements()) {
            String value = measured.value().toPlainString();
            measurements.append(Csv.row(c.patientId(), measured.timepoint(), measured.variable(), value, measured.unit(), measured.date().toString(),
                    references(measured.sources())));
            provenance(provenance, c.patientId(), measured.variable(), measured.timepoint(), value, measured.sources());
        }
        StringBuilder ctStudies = new StringBuilder();
        for (Study study : c.studies()) {
            ctStudies.append(Csv.row(c.patientId(), study.timepoint(), study.date().toString(), study.source().id(), study.source().reference()));
            provenance(provenance, c.patientId(), "ct_study", study.timepoint(), study.date().toString(), List.of(study.source()));
        }
        return new Lines(Csv.row(row), measurements.toString(), ctStudies.toString(), provenance.toString());
    }

    private List<String> fieldNames()
    {
        return protocol.caseSchema().fields().stream().map(CaseField::name).toList();
    }

    /** The open case files: cases are written one at a time, so none need be held. */
    public final class OpenFiles
            implements java.io.Closeable
    {
        private final Path folder;
        private final Writer casesCsv;
        private final Writer measurements;
        private final Writer ctStudies;
        private final Writer provenance;

        private OpenFiles(Path folder)
                throws IOException
        {
            this.folder = folder;
            Files.createDirectories(folder);
            List<String> caseColumns = new ArrayList<>();
            caseColumns.add("patient_id");
            caseColumns.addAll(fieldNames());
            casesCsv = Files.newBufferedWriter(folder.resolve("cases.csv"), StandardCharsets.UTF_8);
            measurements = Files.newBufferedWriter(folder.resolve("measurements.csv"), StandardCharsets.UTF_8);
            ctStudies = Files.newBufferedWriter(folder.resolve("ct_studies.csv"), StandardCharsets.UTF_8);
            provenance = Files.newBufferedWriter(folder.resolve("provenance.csv"), StandardCharsets.UTF_8);
            casesCsv.write(Csv.row(caseColumns));
            measurements.write(Csv.row(MEASUREMENT_COLUMNS));
            ctStudies.write(Csv.row(CT_STUDY_COLUMNS));
            provenance.write(Csv.row(PROVENANCE_COLUMNS));
        }

        /** The next case, in case order. */
        public void write(Lines lines)
                throws IOException
        {
            casesCsv.write(lines.cases());
            measurements.write(lines.measurements());
            ctStudies.write(lines.ctStudies());
            provenance.write(lines.provenance());
        }

        /** Closes the files and writes the CT reads sheets' headers (the radiologists fill them after screening). */
        @Override
        public void close()
                throws IOException
        {
            try (casesCsv; measurements; ctStudies; provenance) {
                // each closed, in reverse order, even when one fails
            }
            Files.writeString(folder.resolve("ct_reads.csv"), Csv.row(ICHIKADO_READ_COLUMNS), StandardCharsets.UTF_8);
            if (protocol.ctScoring().system().equals("kazerooni")) {
                Files.writeString(folder.resolve("ct_reads_kazerooni.csv"), Csv.row(KAZEROONI_READ_COLUMNS), StandardCharsets.UTF_8);
            }
        }
    }

    private static void provenance(StringBuilder out, String patientId, String field, String timepoint, String value, List<Source> sources)
    {
        for (Source source : sources) {
            out.append(Csv.row(patientId, field, timepoint, value, source.resourceType(), source.id(), source.file(), Long.toString(source.line())));
        }
    }

    private static String references(List<Source> sources)
    {
        return String.join(";", sources.stream().map(Source::reference).toList());
    }
}

package org.casebook.store.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.CtRead;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.ctscore.ScanRef;
import org.casebook.schema.CaseSchema;
import org.casebook.store.StudyDatabase;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.study.StudyProtocolStore;

/**
 * Reads a study's current data back as a {@link CaseWorkbook}, the one input of the analysis.
 * An adjudicated scan contributes only the adjudicator's read, which then stands as its score.
 */
public final class StudyWorkbooks
{
    private final StudyDatabase database;
    private final Cases cases;
    private final CtReading reading;
    private final StudyProtocolStore protocols;

    public StudyWorkbooks(StudyDatabase database)
    {
        this(database, new StudyProtocolStore(database));
    }

    public StudyWorkbooks(StudyDatabase database, StudyProtocolStore protocols)
    {
        this.database = database;
        this.protocols = protocols;
        this.cases = new Cases(database);
        this.reading = new CtReading(database, protocols);
    }

    public CaseWorkbook load(long studyId)
    {
        CaseSchema schema = protocols.protocol(studyId).caseSchema();
        List<CaseRecord> records = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<AdverseEvent> events = new ArrayList<>();
        for (CaseSummary summary : cases.list(studyId)) {
            List<CaseValue> values = cases.values(summary.id());
            records.add(record(schema, summary, values));
            for (CaseValue value : values) {
                if (!value.timepoint().isEmpty()) {
                    measurements.add(new Measurement(summary.patientId(), value.timepoint(), value.variable(), Double.parseDouble(value.value()),
                            value.unit(), value.date() == null ? null : LocalDate.parse(value.date()), source(value, summary)));
                }
            }
            events.addAll(adverseEvents(summary));
        }
        List<CtStudy> ctStudies = new ArrayList<>();
        List<CtScan> scans = reading.scans(studyId);
        for (CtScan scan : scans) {
            if (scan.date() != null) {
                ctStudies.add(new CtStudy(scan.patientId(), scan.timepoint(), LocalDate.parse(scan.date()), scan.accession(), new SourceRef("scan " + scan.code())));
            }
        }
        CtScoringSystem system = reading.system(studyId);
        List<IchikadoRead> ichikado = new ArrayList<>();
        List<KazerooniRead> kazerooni = new ArrayList<>();
        Map<Long, List<SavedRead>> byScan = reading.readsForAnalysis(studyId);
        for (CtScan scan : scans) {
            for (SavedRead read : byScan.getOrDefault(scan.id(), List.of())) {
                CtRead scored = system.read(new ScanRef(scan.patientId(), scan.timepoint()), read.reader(), read.grid());
                if (scored instanceof IchikadoRead zones) {
                    ichikado.add(zones);
                }
                else if (scored instanceof KazerooniRead lobes) {
                    kazerooni.add(lobes);
                }
                else {
                    throw new IllegalStateException("a " + system.name() + " read the case workbook has no place for");
                }
            }
        }
        return new CaseWorkbook(records, measurements, ctStudies, ichikado, kazerooni, events);
    }

    /** Codes of the scans whose score is an adjudicator's read. */
    public List<String> adjudicatedScans(long studyId)
    {
        return reading.readsForAnalysis(studyId).values().stream()
                .filter(reads -> reads.stream().anyMatch(SavedRead::adjudication))
                .map(reads -> reads.get(0).code())
                .toList();
    }

    /** The case read back by the protocol's schema, as the importer read it ({@link CaseSchema#check}); a stored value it refuses is left out. */
    private static CaseRecord record(CaseSchema schema, CaseSummary summary, List<CaseValue> values)
    {
        Map<String, String> cells = new LinkedHashMap<>();
        values.stream().filter(value -> value.timepoint().isEmpty()).forEach(value -> cells.put(value.variable(), value.value()));
        return CaseRecords.of(summary.patientId(), schema, schema.check(cells).values(), new SourceRef("case " + summary.patientId()));
    }

    private static SourceRef source(CaseValue value, CaseSummary summary)
    {
        return new SourceRef(value.source() != null ? value.source() : "casebook case " + summary.patientId());
    }

    /** The case's adverse events (imported, or added and edited on the case page: {@link AdverseEvents}). */
    public List<AdverseEvent> adverseEvents(CaseSummary summary)
    {
        return database.withHandle(handle -> handle.createQuery("""
                        SELECT term, onset_date, grade, serious, related_to, action, ctcae_version, outcome FROM adverse_events WHERE case_id = :c ORDER BY id""")
                .bind("c", summary.id())
                .map((rs, ctx) -> {
                    int grade = rs.getInt(3);
                    Integer gradeOrNull = rs.wasNull() ? null : grade;
                    int serious = rs.getInt(4);
                    Boolean seriousOrNull = rs.wasNull() ? null : serious == 1;
                    String onset = rs.getString(2);
                    return new AdverseEvent(summary.patientId(), rs.getString(1), onset == null ? null : LocalDate.parse(onset),
                            gradeOrNull, rs.getString(7), seriousOrNull, rs.getString(5), rs.getString(6), rs.getString(8),
                            new SourceRef("case " + summary.patientId()));
                })
                .list());
    }
}

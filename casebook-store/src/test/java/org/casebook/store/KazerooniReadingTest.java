package org.casebook.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.KazerooniLobe;
import org.casebook.ctscore.KazerooniLobeScore;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.ctscore.ReadGrid;
import org.casebook.ctscore.ScanRef;
import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.schema.CaseSchema;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StudyWorkbooks;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Blinded CT reading under the protocol's scoring system: a study on {@code dm-ild-tofacitinib}
 * (Kazerooni) stores, scores and adjudicates lobe-by-lobe reads; Ichikado reads stored before
 * migration V9 read back unchanged. On SQLite and on PostgreSQL.
 */
class KazerooniReadingTest
{
    private static final String DM_ILD = "dm-ild-tofacitinib";
    private static final Map<String, StudyDatabase> DATABASES = new ConcurrentHashMap<>();

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    private static StudyDatabase database(String kind)
    {
        return DATABASES.computeIfAbsent(kind, TestDatabases::open);
    }

    @AfterAll
    static void close()
    {
        DATABASES.values().forEach(StudyDatabase::close);
    }

    /** Every lobe graded alike. */
    private static List<KazerooniLobeScore> lobes(int alveolar, int interstitial)
    {
        return java.util.Arrays.stream(KazerooniLobe.values()).map(lobe -> new KazerooniLobeScore(lobe, alveolar, interstitial)).toList();
    }

    private static ReadGrid grid(int alveolar, int interstitial)
    {
        return new KazerooniRead(new ScanRef("x", "x"), "x", lobes(alveolar, interstitial)).grid();
    }

    /** One dermatomyositis patient with a baseline CT read by R1 (1 + 1 = 2.0) and R2 (2 + 1 = 3.0). */
    private static CaseWorkbook onePatient()
    {
        CaseSchema schema = Protocols.builtIn(DM_ILD).caseSchema();
        Map<String, Object> values = schema.check(Map.of("index_date", "2024-02-01", "sex", "F", "dm_subtype", "amyopathic")).values();
        return new CaseWorkbook(
                List.of(CaseRecords.of("D1", schema, values, new SourceRef("cases.csv row 1"))),
                List.of(),
                List.of(new CtStudy("D1", "baseline", LocalDate.parse("2024-01-20"), "ACC-D1", new SourceRef("ct_studies.csv row 1"))),
                List.of(),
                List.of(new KazerooniRead(new ScanRef("D1", "baseline"), "R1", lobes(1, 1)),
                        new KazerooniRead(new ScanRef("D1", "baseline"), "R2", lobes(2, 1))),
                List.of());
    }

    private static void reader(StudyDatabase database, Study study, String name, boolean adjudicator)
    {
        Users users = new Users(database);
        if (users.find(name).isEmpty()) {
            users.add(name, "{noop}x", false, "admin");
        }
        users.grant(study.id(), name, StudyRole.READER, adjudicator, "admin");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void kazerooniStudyImportsScoresAndAdjudicatesLobeReads(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = new Studies(database).create("dm " + System.nanoTime(), DM_ILD, OptionalDouble.empty(), "admin");
        assertThat(study.adjudicationThreshold()).isEqualTo(2.0);
        CaseImport.Summary summary = new CaseImport(database).importWorkbook(study.id(), onePatient(), "alice");
        assertThat(summary.reads()).isEqualTo(2);
        CaseWorkbook imported = new StudyWorkbooks(database).load(study.id());
        assertThat(imported.ichikadoReads()).isEmpty();
        assertThat(imported.kazerooniReads()).extracting(read -> read.score().total()).containsExactlyInAnyOrder(2.0, 3.0);

        CtReading reading = new CtReading(database);
        assertThat(reading.system(study.id()).name()).isEqualTo("kazerooni");
        CtScan scan = reading.scans(study.id()).get(0);
        reader(database, study, "kim", false);
        reader(database, study, "ada", true);
        reading.assignAll(study.id(), "kim", "admin");
        SavedRead first = reading.saveRead(study.id(), scan.code(), "kim", false, 0, grid(4, 3));
        assertThat(first.total()).isEqualTo(7.0);
        assertThat(first.version()).isEqualTo(1);
        assertThat(reading.findRead(study.id(), scan.code(), "kim", false)).get()
                .satisfies(read -> assertThat(read.grid().find("LUL", "interstitial")).contains(3));
        // kim's 7.0 is 5 points from R1's 2.0, over the protocol's threshold of 2: an adjudicator who did not read it decides
        assertThat(reading.scansNeedingAdjudication(study.id())).containsExactly(scan.id());
        reading.saveRead(study.id(), scan.code(), "ada", true, 0, grid(3, 2));
        CaseWorkbook adjudicated = new StudyWorkbooks(database).load(study.id());
        assertThat(adjudicated.kazerooniReads()).singleElement().satisfies(read -> {
            assertThat(read.reader()).isEqualTo("ada");
            assertThat(read.score().total()).isEqualTo(5.0);
            assertThat(read.score().components()).containsEntry("ct_alveolar", 3.0).containsEntry("ct_interstitial", 2.0);
        });
        long readId = new AuditTrail(database).forStudy(study.id()).stream()
                .filter(entry -> entry.entity().equals(CtReading.ENTITY) && entry.username().equals("kim")).findFirst().orElseThrow().entityId();
        assertThat(new AuditTrail(database).forEntity(CtReading.ENTITY, readId)).extracting(AuditEntry::field)
                .contains("RUL.alveolar", "LLL.interstitial").hasSize(10);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReadOfTheOtherSystemIsRefused(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = new Studies(database).create("dm " + System.nanoTime(), DM_ILD, OptionalDouble.empty(), "admin");
        new CaseImport(database).importWorkbook(study.id(), onePatient(), "alice");
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        reader(database, study, "kim", false);
        reading.assignAll(study.id(), "kim", "admin");
        assertThatThrownBy(() -> reading.saveRead(study.id(), scan.code(), "kim", false, 0, Fixtures.zones(100, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown lobe 'RU'");
        Map<String, Map<String, Integer>> gradeSix = new LinkedHashMap<>(grid(1, 1).values());
        gradeSix.put("RML", Map.of("alveolar", 6, "interstitial", 1));
        assertThatThrownBy(() -> reading.saveRead(study.id(), scan.code(), "kim", false, 0, new ReadGrid(gradeSix)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RML").hasMessageContaining("alveolar must be 0–5, was 6");
        assertThat(reading.findRead(study.id(), scan.code(), "kim", false)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aWorkbookWithReadsOfTheOtherSystemImportsNothing(String kind)
    {
        StudyDatabase database = database(kind);
        Study seed = new Studies(database).create("seed " + System.nanoTime(), Protocols.SEED, 30, "admin");
        assertThatThrownBy(() -> new CaseImport(database).importWorkbook(seed.id(), onePatient(), "alice"))
                .isInstanceOf(CasebookException.class)
                .hasMessage("this study's protocol scores CTs with the Ichikado score; this workbook has 2 Kazerooni score read(s) "
                        + "(ct_reads_kazerooni): nothing was imported");
        assertThat(new Cases(database).list(seed.id())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aThresholdNoTwoReadsCanExceedIsRefused(String kind)
    {
        StudyDatabase database = database(kind);
        assertThatThrownBy(() -> new Studies(database).create("dm " + System.nanoTime(), DM_ILD, 30, "admin"))
                .isInstanceOf(CasebookException.class)
                .hasMessageContaining("adjudication threshold 30 points").hasMessageContaining("Kazerooni score (0–10)")
                .hasMessageContaining("the protocol's own threshold is 2");
        assertThat(new Studies(database).create("seed " + System.nanoTime(), Protocols.SEED, OptionalDouble.empty(), "admin").adjudicationThreshold())
                .isEqualTo(30.0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ichikadoReadsStoredBeforeV9ReadBackUnchanged(String kind)
            throws SQLException
    {
        String url = TestDatabases.newDatabaseUrl(kind);
        Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + kind)
                .placeholders(Map.of("id_column", Dialect.fromJdbcUrl(url).idColumn()))
                .target("7")
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO studies (id, name, protocol, created_at) VALUES (1, 'old', '" + Protocols.SEED + "', '2025-01-01T00:00:00Z')");
            statement.execute("INSERT INTO cases (id, study_id, patient_id, version) VALUES (1, 1, 'P1', 1)");
            statement.execute("INSERT INTO ct_scans (id, study_id, case_id, timepoint, code) VALUES (1, 1, 1, 'onset', 'CT-OLD')");
            statement.execute("INSERT INTO ct_reads (id, scan_id, reader, adjudication, version, total, saved_at) VALUES (1, 1, 'R1', 0, 3, 180, 'x')");
            for (String zone : List.of("RU", "RM", "RL", "LU", "LM", "LL")) {
                statement.execute("INSERT INTO ct_zone_reads VALUES (1, '" + zone + "', 40, 30, 10, 10, 5, 5)");
            }
        }
        try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC())) {
            SavedRead read = new CtReading(database).findRead(1, "CT-OLD", "R1", false).orElseThrow();
            assertThat(read.version()).isEqualTo(3);
            assertThat(read.grid().values()).hasSize(6).allSatisfy((zone, percents) -> assertThat(percents).isEqualTo(Map.of(
                    "normal", 40, "ggo", 30, "consolidation", 10, "ggo_traction", 10, "consolidation_traction", 5, "honeycombing", 5)));
            // 40 + 60 + 30 + 40 + 25 + 30 = 225 in every zone
            assertThat(new StudyWorkbooks(database).load(1).ichikadoReads()).singleElement()
                    .satisfies(ichikado -> assertThat(ichikado.score().total()).isEqualTo(225.0));
        }
    }
}

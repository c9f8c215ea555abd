package org.casebook.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.ct.WorklistItem;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Role separation, blinding of accession numbers and account administration, on SQLite and on PostgreSQL. */
class SecurityStoreTest
{
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

    /** A study of two patients (P1's onset CT read by the workbook's R1 and R2) and users with a unique suffix. */
    private static Study study(StudyDatabase database)
    {
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        return study;
    }

    private static String user(StudyDatabase database, String name)
    {
        String username = name + System.nanoTime();
        new Users(database).add(username, "{noop}x", false, "admin");
        return username;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void investigatorCannotAlsoReadTheSameStudy(String kind)
    {
        StudyDatabase database = database(kind);
        Users users = new Users(database);
        Study study = study(database);
        Study other = study(database);
        String dana = user(database, "dana");
        users.grant(study.id(), dana, StudyRole.INVESTIGATOR, false, "admin");
        assertThatThrownBy(() -> users.grant(study.id(), dana, StudyRole.READER, true, "admin"))
                .isInstanceOf(CasebookException.class).hasMessageContaining("is an INVESTIGATOR of this study and so cannot also be a READER");
        // a reader of one study may investigate another, and an investigator may also be the study's analyst
        users.grant(other.id(), dana, StudyRole.READER, false, "admin");
        users.grant(study.id(), dana, StudyRole.ANALYST, false, "admin");
        String rae = user(database, "rae");
        users.grant(study.id(), rae, StudyRole.READER, true, "admin");
        assertThatThrownBy(() -> users.grant(study.id(), rae, StudyRole.INVESTIGATOR, false, "admin"))
                .hasMessageContaining("is a READER of this study and so cannot also be an INVESTIGATOR");
        assertThat(users.memberships(rae)).extracting(m -> m.role()).containsExactly(StudyRole.READER);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void adminRemovesAMemberChangesARoleDisablesAndResetsAnAccount(String kind)
    {
        StudyDatabase database = database(kind);
        Users users = new Users(database);
        Study study = study(database);
        String ed = user(database, "ed");
        users.grant(study.id(), ed, StudyRole.READER, true, "admin");
        users.changeRole(study.id(), ed, StudyRole.INVESTIGATOR, false, "admin");
        assertThat(users.members(study.id())).filteredOn(m -> m.username().equals(ed)).extracting(m -> m.role()).containsExactly(StudyRole.INVESTIGATOR);
        users.remove(study.id(), ed, null, "admin");
        assertThat(users.members(study.id())).noneMatch(m -> m.username().equals(ed));
        assertThatThrownBy(() -> users.remove(study.id(), ed, null, "admin")).isInstanceOf(NotFoundException.class);

        users.setDisabled(ed, true, "admin");
        assertThat(users.isDisabled(ed)).isTrue();
        assertThat(users.accounts()).filteredOn(a -> a.username().equals(ed)).singleElement().satisfies(a -> assertThat(a.disabled()).isTrue());
        users.setDisabled(ed, false, "admin");
        assertThat(users.isDisabled(ed)).isFalse();
        users.resetPassword(ed, "{noop}one-time", "admin");
        assertThat(users.mustChangePassword(ed)).isTrue();
        assertThat(users.find(ed).orElseThrow().passwordHash()).isEqualTo("{noop}one-time");
        long userId = users.find(ed).orElseThrow().id();
        assertThat(new AuditTrail(database).forEntity("user", userId)).extracting(AuditEntry::field)
                .contains("role", "disabled", "password");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyTheStudysReadersGetScans(String kind)
    {
        StudyDatabase database = database(kind);
        Users users = new Users(database);
        Study study = study(database);
        CtReading reading = new CtReading(database);
        String ivy = user(database, "ivy");
        users.grant(study.id(), ivy, StudyRole.INVESTIGATOR, false, "admin");
        assertThatThrownBy(() -> reading.assignAll(study.id(), ivy, "admin")).hasMessageContaining("is not a reader of this study");
        assertThatThrownBy(() -> reading.assignAll(study.id(), "nobody", "admin")).hasMessageContaining("is not a reader of this study");
        assertThatThrownBy(() -> reading.assignAll(study.id(), null, "admin")).hasMessageContaining("no reader");
        assertThat(reading.worklist(study.id(), ivy, false)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theAccessionIsOpenedOneScanAtATimeAuditedAndAStudyCanHideIt(String kind)
    {
        StudyDatabase database = database(kind);
        Users users = new Users(database);
        Study study = study(database);
        CtReading reading = new CtReading(database);
        String rita = user(database, "rita");
        users.grant(study.id(), rita, StudyRole.READER, false, "admin");
        reading.assignAll(study.id(), rita, "admin");
        CtScan scan = reading.scans(study.id()).get(0);
        assertThat(reading.worklist(study.id(), rita, false)).singleElement().isEqualTo(new WorklistItem(scan.code(), false, false));

        assertThat(reading.openAccession(study.id(), scan.code(), rita, false)).isEqualTo("ACC-1");
        assertThat(new AuditTrail(database).forEntity("ct_scan", scan.id())).last()
                .satisfies(entry -> assertThat(entry.username() + " " + entry.field()).isEqualTo(rita + " accession_opened"));
        String stranger = user(database, "stranger");
        users.grant(study.id(), stranger, StudyRole.READER, false, "admin");
        assertThatThrownBy(() -> reading.openAccession(study.id(), scan.code(), stranger, false)).isInstanceOf(NotFoundException.class);

        new Studies(database).setReadersSeeAccession(study.id(), false, "admin");
        assertThatThrownBy(() -> reading.openAccession(study.id(), scan.code(), rita, false))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("hides PACS accession numbers from readers");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAdjudicatorNeverAdjudicatesAScanTheyRead(String kind)
    {
        StudyDatabase database = database(kind);
        Users users = new Users(database);
        Study study = study(database);
        CtReading reading = new CtReading(database);
        String ada = user(database, "ada");
        String ben = user(database, "ben");
        users.grant(study.id(), ada, StudyRole.READER, true, "admin");
        users.grant(study.id(), ben, StudyRole.READER, true, "admin");
        reading.assignAll(study.id(), ada, "admin");
        CtScan scan = reading.scans(study.id()).get(0);
        // the workbook's readers scored 130 and 140; ada's 200 is 70 points off the lowest: the scan awaits adjudication
        reading.saveRead(study.id(), scan.code(), ada, false, 0, Fixtures.zones(0, 100));
        assertThat(reading.scansNeedingAdjudication(study.id())).containsExactly(scan.id());
        assertThat(reading.worklist(study.id(), ada, true)).noneMatch(WorklistItem::adjudication);
        assertThatThrownBy(() -> reading.saveRead(study.id(), scan.code(), ada, true, 0, Fixtures.zones(50, 50)))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("never adjudicates a scan they read");
        assertThat(reading.worklist(study.id(), ben, true)).singleElement().satisfies(item -> assertThat(item.adjudication()).isTrue());
        reading.saveRead(study.id(), scan.code(), ben, true, 0, Fixtures.zones(50, 50));
    }
}

package org.casebook.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.Cases;
import org.casebook.store.ct.CtReading;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.springframework.context.ApplicationContext;

/**
 * A study with one user per role, seeded through the store: {@code admin} (site admin, no study
 * role), {@code investigator}, {@code reader} (adjudicator), {@code analyst}, and {@code outsider},
 * investigator of another study only. Every password is {@link #PASSWORD}.
 */
public final class StudyFixture
{
    public static final String PASSWORD = "correct horse battery staple";
    public static final List<String> USERS = List.of("admin", "investigator", "reader", "analyst", "outsider");

    public final long studyId;
    public final long otherStudyId;
    public final long caseId;
    public final String scanCode;
    /** The imported adverse event of {@link #caseId} (P1's herpes zoster). */
    public final long adverseEventId;

    private StudyFixture(long studyId, long otherStudyId, long caseId, String scanCode, long adverseEventId)
    {
        this.studyId = studyId;
        this.otherStudyId = otherStudyId;
        this.caseId = caseId;
        this.scanCode = scanCode;
        this.adverseEventId = adverseEventId;
    }

    public static StudyFixture seed(ApplicationContext context, String suffix)
    {
        Users users = context.getBean(Users.class);
        Studies studies = context.getBean(Studies.class);
        String hash = PasswordHashing.encoder().encode(PASSWORD);
        for (String user : USERS) {
            users.add(user + suffix, hash, user.equals("admin"), "test");
        }
        Study study = studies.create("Study A" + suffix, Protocols.SEED, 30, "test");
        Study other = studies.create("Study B" + suffix, Protocols.SEED, 30, "test");
        users.grant(study.id(), "investigator" + suffix, StudyRole.INVESTIGATOR, false, "test");
        users.grant(study.id(), "reader" + suffix, StudyRole.READER, true, "test");
        users.grant(study.id(), "analyst" + suffix, StudyRole.ANALYST, false, "test");
        users.grant(other.id(), "outsider" + suffix, StudyRole.INVESTIGATOR, false, "test");
        context.getBean(CaseImport.class).importWorkbook(study.id(), workbook(3), "test");
        CtReading reading = context.getBean(CtReading.class);
        reading.assignAll(study.id(), "reader" + suffix, "test");
        long caseId = context.getBean(Cases.class).list(study.id()).get(0).id();
        long adverseEventId = context.getBean(org.casebook.store.cases.AdverseEvents.class).list(caseId).get(0).id();
        return new StudyFixture(study.id(), other.id(), caseId, reading.scans(study.id()).get(0).code(), adverseEventId);
    }

    /** {@code patients} synthetic patients, each with P/F inputs at onset and a CT at onset read by two readers. */
    public static CaseWorkbook workbook(int patients)
    {
        List<org.casebook.casedata.CaseRecord> cases = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<CtStudy> ctStudies = new ArrayList<>();
        List<IchikadoRead> reads = new ArrayList<>();
        for (int i = 1; i <= patients; i++) {
            String id = "P" + i;
            LocalDate onset = LocalDate.parse("2024-01-10").plusDays(i);
            cases.add(new CaseRecordBuilder(id, onset).set("admission_date", onset).set("ae_onset_date", onset).dayZero(onset).set("age", 60.0 + i % 35).set("jaki_agent", i % 2 == 0 ? "baricitinib" : "upadacitinib")
                    .set("prior_jaki_stop_date", onset.minusDays(9)).set("prior_jaki_stop_reason", "adverse event").set("last_followup_date", onset.plusDays(120)).build());
            measurements.add(new Measurement(id, "onset", "pao2", 60 + i % 20, "mmHg", onset, new SourceRef("measurements.csv row " + i)));
            measurements.add(new Measurement(id, "onset", "fio2", 0.4, "fraction", onset, new SourceRef("measurements.csv row " + i)));
            ctStudies.add(new CtStudy(id, "onset", onset, "ACC-" + i, new SourceRef("ct_studies.csv row " + i)));
            reads.add(read(id, "R1", 60));
            reads.add(read(id, "R2", 50));
        }
        List<org.casebook.casedata.AdverseEvent> events = List.of(new org.casebook.casedata.AdverseEvent("P1", "herpes zoster",
                LocalDate.parse("2024-01-02"), 2, false, "jaki", "drug stopped", new SourceRef("adverse_events.csv row 1")));
        return new CaseWorkbook(cases, measurements, ctStudies, reads, List.of(), patients >= 1 ? events : List.of());
    }

    private static IchikadoRead read(String patient, String reader, int normal)
    {
        return new IchikadoRead(new ScanRef(patient, "onset"), reader, zones(normal, 100 - normal));
    }

    public static List<ZoneExtent> zones(int normal, int groundGlass)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            zones.add(ZoneExtent.of(zone, normal, groundGlass, 0, 0, 0, 0));
        }
        return zones;
    }
}

package org.casebook.store;

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

/** Small named fixtures: a two-patient workbook with one CT each, read by two readers. */
public final class Fixtures
{
    private Fixtures() {}

    public static CaseWorkbook twoPatients()
    {
        return new CaseWorkbook(
                List.of(new CaseRecordBuilder("P1", LocalDate.parse("2024-03-01")).set("admission_date", LocalDate.parse("2024-03-01")).set("age", 71.0).set("jaki_agent", "upadacitinib").set("prior_jaki_stop_reason", "adverse event").build(),
                        new CaseRecordBuilder("P2", LocalDate.parse("2024-05-10")).set("admission_date", LocalDate.parse("2024-05-10")).set("age", 92.0).set("jaki_agent", "baricitinib").build()),
                List.of(new Measurement("P1", "onset", "pao2", 58, "mmHg", LocalDate.parse("2024-03-01"), new SourceRef("measurements.csv row 1")),
                        new Measurement("P2", "onset", "pao2", 61, "mmHg", null, new SourceRef("measurements.csv row 2"))),
                List.of(new CtStudy("P1", "onset", LocalDate.parse("2024-03-01"), "ACC-1", new SourceRef("ct_studies.csv row 1"))),
                List.of(read("P1", "onset", "R1", 70), read("P1", "onset", "R2", 60)),
                List.of(),
                List.of());
    }

    /** A read with every zone {@code normal}% normal and the rest ground glass. */
    public static IchikadoRead read(String patient, String timepoint, String reader, int normal)
    {
        return new IchikadoRead(new ScanRef(patient, timepoint), reader, zones(normal, 100 - normal));
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

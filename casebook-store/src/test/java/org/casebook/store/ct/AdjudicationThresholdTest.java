package org.casebook.store.ct;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.IchikadoScore;
import org.casebook.ctscore.KazerooniScore;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.StudyDatabase;
import org.casebook.store.TestDatabases;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan goes to the adjudicator when its readers' totals differ by more than the threshold,
 * decided on the exact totals: Ichikado reads of 782/6 and 602/6 are exactly 30 apart, and
 * 30.000000000000014 apart as the doubles the store keeps.
 */
class AdjudicationThresholdTest
{
    private static final Map<String, StudyDatabase> DATABASES = new ConcurrentHashMap<>();

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    @AfterAll
    static void close()
    {
        DATABASES.values().forEach(StudyDatabase::close);
    }

    /** A study (threshold 30) with one scan read by R1 and R2 with these six-zone sums (the totals are sum / 6). */
    private static List<Long> needingAdjudication(String kind, int firstSum, int secondSum)
    {
        StudyDatabase database = DATABASES.computeIfAbsent(kind, TestDatabases::open);
        Study study = new Studies(database).create("threshold " + System.nanoTime(), Protocols.SEED, 30, "admin");
        LocalDate onset = LocalDate.parse("2024-03-01");
        new CaseImport(database).importWorkbook(study.id(), new CaseWorkbook(
                List.of(new CaseRecordBuilder("P1", onset).set("admission_date", onset).build()),
                List.of(),
                List.of(new CtStudy("P1", "onset", onset, "ACC-1", new SourceRef("ct_studies.csv row 1"))),
                List.of(read("R1", firstSum), read("R2", secondSum)),
                List.of(),
                List.of()), "alice");
        return new CtReading(database).scansNeedingAdjudication(study.id());
    }

    /** Five zones alike and the last taking the remainder, between normal lung (1 point) and ground glass (2). */
    private static IchikadoRead read(String reader, int sum)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            int score = zone == LungZone.LL ? sum - 5 * (sum / 6) : sum / 6;
            zones.add(ZoneExtent.of(zone, 200 - score, score - 100, 0, 0, 0, 0));
        }
        return new IchikadoRead(new ScanRef("P1", "onset"), reader, zones);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readsExactlyTheThresholdApartAreNotAdjudicated(String kind)
    {
        assertThat(782 / 6.0 - 602 / 6.0).as("the stored doubles").isGreaterThan(30);
        assertThat(needingAdjudication(kind, 782, 602)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readsASixthOverTheThresholdAreAdjudicated(String kind)
    {
        assertThat(needingAdjudication(kind, 783, 602)).hasSize(1);
    }

    @Test
    void theComparisonIsExactForEitherSystemAndADecimalThreshold()
    {
        assertThat(CtReading.overThreshold(new IchikadoScore(), 782 / 6.0, 602 / 6.0, 30)).isFalse();
        assertThat(CtReading.overThreshold(new IchikadoScore(), 783 / 6.0, 602 / 6.0, 30)).isTrue();
        // Kazerooni fifths: 0.6 − 0.1 = 0.5 exactly (0.49999999999999994 in doubles is never asked)
        assertThat(CtReading.overThreshold(new KazerooniScore(), 0.6000000000000001, 0.1, 0.5)).isFalse();
        assertThat(CtReading.overThreshold(new KazerooniScore(), 0.8, 0.1, 0.5)).isTrue();
        // a threshold written with a decimal is taken as written: 2.2 against a spread of 11/5
        assertThat(CtReading.overThreshold(new KazerooniScore(), 3.0, 0.8, 2.2)).isFalse();
        assertThat(CtReading.overThreshold(new KazerooniScore(), 3.2, 0.8, 2.2)).isTrue();
    }
}

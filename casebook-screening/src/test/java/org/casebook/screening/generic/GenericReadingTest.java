package org.casebook.screening.generic;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the generic engine reads an export (docs/screening.md, "Any protocol"): only the lines of
 * patients who may be candidates are parsed, and those patients get exactly the records a reading of
 * every line gives them; what is passed over is counted, what is parsed is validated.
 */
class GenericReadingTest
{
    @TempDir
    Path temp;

    /** p1 is eligible and also had an outpatient visit; p2 only outpatient visits; both have an unusable outpatient line. */
    private Path extract()
            throws IOException
    {
        return GenericAdmissionTest.eligible("p1")
                .add("Encounter", Ndjson.encounter("amb-p1", "p1", "AMB", "finished", "2023-03-01T09:00:00+09:00", "2023-03-01T10:00:00+09:00", null))
                .add("Encounter", "{\"resourceType\":\"Encounter\",\"class\":{\"code\":\"AMB\"}," + Ndjson.subject("p1") + "}")
                .add("Patient", Ndjson.patient("p2", "1960-01-01", "male", null))
                .add("Encounter", Ndjson.encounter("amb-p2", "p2", "AMB", "finished", "2024-03-01T09:00:00+09:00", "2024-03-01T10:00:00+09:00", null))
                .add("Encounter", "{\"resourceType\":\"Encounter\",\"class\":{\"code\":\"AMB\"}," + Ndjson.subject("p2") + "}")
                .add("Condition", "{\"resourceType\":\"Observation\",\"id\":\"x2\"," + Ndjson.subject("p2") + "}")
                .add("Condition", "{\"resourceType\":\"Observation\",\"id\":\"x1\"," + Ndjson.subject("p1") + "}")
                .add("Condition", "{\"resourceType\":\"Condition\",\"id\":\"nobody\"}")
                .write(temp.resolve("extract"));
    }

    @Test
    void possibleCandidatesGetEveryRecordAReadingOfEveryLineGives()
            throws IOException
    {
        Path extract = extract();
        StudyProtocol protocol = GenericAdmissionTest.protocol();
        Map<String, GenericPatient> all = GenericExtractReader.read(extract, false, new StringWriter(), new GenericFlow());
        Map<String, GenericPatient> read = GenericExtractReader.read(extract, false, new StringWriter(), new GenericFlow(), record -> true,
                GenericExtractReader.Candidates.of(protocol));

        assertThat(all).containsKeys("p1", "p2");
        assertThat(read.keySet()).containsExactly("p1");
        assertThat(read.get("p1")).isEqualTo(all.get("p1"));
    }

    /** Streaming only the fields in {@link LineFields#FIELDS} gives every record what building each line's whole tree gives it. */
    @Test
    void streamedFieldsGiveTheRecordsWholeTreesGive()
            throws IOException
    {
        Path extract = temp.resolve("hospital");
        org.casebook.screening.synth.generic.GenericHospital.load("dm-ild-tofacitinib", 5, 300, false).write(extract, org.casebook.screening.local.ProgressListener.NONE);
        StringWriter streamedSkips = new StringWriter();
        StringWriter treeSkips = new StringWriter();
        Map<String, GenericPatient> streamed = GenericExtractReader.read(extract, false, streamedSkips, new GenericFlow());
        Map<String, GenericPatient> trees;
        GenericExtractReader.wholeTrees = true;
        try {
            trees = GenericExtractReader.read(extract, false, treeSkips, new GenericFlow());
        }
        finally {
            GenericExtractReader.wholeTrees = false;
        }
        assertThat(streamed).hasSizeGreaterThan(100);
        assertThat(streamed).isEqualTo(trees);
        assertThat(streamedSkips.toString()).isEqualTo(treeSkips.toString());
    }

    @Test
    void linesOfOtherPatientsArePassedOverAndCountedTheRestValidated()
            throws IOException
    {
        Path extract = extract();
        Path out = temp.resolve("out");
        new GenericScreening(GenericAdmissionTest.protocol(), null, null, false).screen(extract, out);

        assertThat(Files.readAllLines(out.resolve("skipped.csv"), StandardCharsets.UTF_8)).containsExactly(
                "file,line,reason,detail",
                "Condition.ndjson,3,wrong_resource_type,\"expected Condition, found Observation\"",
                "Condition.ndjson,4,no_subject,no subject reference to a Patient",
                "Encounter.ndjson,3,no_id,");
        String flow = Files.readString(out.resolve("flow.json"));
        // Encounters: p1's three (one unusable) are parsed (the outpatient ones with p1's other lines), p2's two passed over.
        assertThat(flow).contains("\"Encounter\" : 2,", "\"lines_passed_over_unparsed\" : {\n    \"Condition\" : 1,\n    \"Encounter\" : 2\n  }",
                "\"patients_in_extract\" : 2", "\"included\" : 1");
    }

    /**
     * The rules look at no Observation (no criterion of that kind), so Observation lines are read
     * for the included patient alone: those of p3 (a candidate the rules exclude: no glucocorticoid)
     * and of p2 (no candidate) are passed over unparsed, a bad one included; p1's are parsed and
     * validated, and p1 gets every record a reading of every line gives.
     */
    @Test
    void typesNoCriterionLooksAtAreReadForTheIncludedAlone()
            throws IOException
    {
        Ndjson data = GenericAdmissionTest.eligible("p1").addAll(GenericAdmissionTest.replace("p3", "ster", null, null))
                .add("Patient", Ndjson.patient("p2", "1960-01-01", "male", null));
        for (String p : new String[] {"p1", "p2", "p3"}) {
            data.add("Observation", Ndjson.observation("o-" + p, p, "2703-7", "2024-05-12T09:00:00+09:00", "60", "mm[Hg]", "final"))
                    .add("Observation", "{\"resourceType\":\"Condition\",\"id\":\"bad-" + p + "\"," + Ndjson.subject(p) + "}");
        }
        Path extract = data.write(temp.resolve("extract"));
        StudyProtocol protocol = GenericAdmissionTest.protocol();
        GenericRules rules = new GenericRules(protocol, new RecordMatcher(protocol, RecordMatcher.DEFAULT_EXCLUDED_CONDITION_VERIFICATION,
                RecordMatcher.DEFAULT_EXCLUDED_MEDICATION_STATUSES));
        Map<String, GenericPatient> all = GenericExtractReader.read(extract, false, new StringWriter(), new GenericFlow());
        Map<String, GenericPatient> read = GenericExtractReader.read(extract, false, new StringWriter(), new GenericFlow(), record -> true,
                GenericExtractReader.Candidates.of(protocol, patient -> rules.decide(patient).isIncluded()));

        assertThat(read.keySet()).containsExactly("p1", "p3");
        assertThat(read.get("p1")).isEqualTo(all.get("p1"));
        assertThat(read.get("p1").records()).anyMatch(record -> record.kind().equals("observation"));
        assertThat(read.get("p3").records()).noneMatch(record -> record.kind().equals("observation"));
        assertThat(rules.decide(read.get("p3"))).isEqualTo(rules.decide(all.get("p3")));

        Path out = temp.resolve("out");
        new GenericScreening(protocol, null, null, false).screen(extract, out);
        assertThat(Files.readAllLines(out.resolve("skipped.csv"), StandardCharsets.UTF_8)).containsExactly(
                "file,line,reason,detail",
                "Observation.ndjson,2,wrong_resource_type,\"expected Observation, found Condition\"");
        String flow = Files.readString(out.resolve("flow.json"));
        assertThat(flow).contains("\"Observation\" : 1,", "\"lines_passed_over_unparsed\" : {\n    \"Observation\" : 4\n  }", "\"with_index_admission\" : 2", "\"included\" : 1");
    }
}

package org.casebook.redcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A longitudinal project whose events are the protocol's time points: the generated mapping reads each variable at each event. */
class LongitudinalMappingTest
{
    private static final String HEADER = String.join(",", DataDictionary.HEADER.stream().map(column -> "\"" + column + "\"").toList());

    @Test
    void eventsNamedLikeTimePointsBecomeMeasurementRules(@TempDir Path temp)
            throws IOException
    {
        StudyProtocol protocol = Protocols.builtIn("dm-ild-tofacitinib");
        Files.writeString(temp.resolve("dictionary.csv"), HEADER + "\n"
                + "record_id,enrolment,,text,\"Record ID\",,,,,,,,,,,,,\n"
                + "index_date,enrolment,,text,\"First tofacitinib\",,,date_ymd,,,,,,,,,,\n"
                + "sex,enrolment,,radio,Sex,\"1, Female | 2, Male\",,,,,,,,,,,,\n"
                + "ferritin,labs,,text,\"Ferritin (ng/mL)\",,,number_comma_decimal,,,,,,,,,,\n"
                + "ferritin_date,labs,,text,\"Date\",,,date_dmy,,,,,,,,,,\n");
        Files.writeString(temp.resolve("event.csv"), "event_name,arm_num,unique_event_name,custom_event_label,event_id\n"
                + "Enrolment,1,enrolment_arm_1,,1\nBaseline,1,baseline_arm_1,,2\n\"Month 3\",1,month_3_arm_1,,3\n");
        Files.writeString(temp.resolve("data.csv"), "record_id,redcap_event_name,redcap_data_access_group,index_date,sex,enrolment_complete,ferritin,ferritin_date,labs_complete\n"
                + "Пациент-1,enrolment_arm_1,site_a,2021-03-02,1,2,,,\n"
                + "Пациент-1,baseline_arm_1,site_a,,,,\"1520,5\",01-03-2021,2\n"
                + "Пациент-1,month_3_arm_1,site_a,,,,480,2021-06-01 10:15,2\n"
                + ",,,,,,,,\n"
                + "Пациент-2,enrolment_arm_1,site_b,2021-06-15,2,2,,,\n");
        DataDictionary dictionary = DataDictionary.read(temp.resolve("dictionary.csv"), "dictionary.csv");

        String mapping = new MappingGenerator(protocol, dictionary, RedcapEvents.read(temp.resolve("event.csv"))).generate();

        assertThat(mapping).contains("event: \"baseline_arm_1\"", "event: \"month_3_arm_1\"", "timepoint: {value: \"month3\"}",
                "sex: {field: \"sex\", values: {\"1\": \"\", \"2\": \"\"}}", "# TODO age");
        Files.writeString(temp.resolve("mapping.yaml"), mapping.replace("{\"1\": \"\", \"2\": \"\"}", "{\"1\": F, \"2\": M}"));

        RedcapImporter.Result result = new RedcapImporter(protocol).read(new RedcapImporter.Input(temp.resolve("dictionary.csv"), temp.resolve("data.csv"),
                temp.resolve("event.csv"), temp.resolve("mapping.yaml")));

        CaseWorkbook workbook = result.workbook();
        assertThat(workbook.cases()).extracting(record -> record.patientId()).containsExactly("Пациент-1", "Пациент-2");
        assertThat(workbook.findCase("Пациент-2").orElseThrow().values()).containsEntry("sex", "M");
        assertThat(workbook.findMeasurement("Пациент-1", "baseline", "ferritin").orElseThrow().value()).isEqualTo(1520.5);
        assertThat(workbook.findMeasurement("Пациент-1", "baseline", "ferritin").orElseThrow().date()).hasToString("2021-03-01");
        assertThat(workbook.findMeasurement("Пациент-1", "month3", "ferritin").orElseThrow().date()).hasToString("2021-06-01");
        assertThat(result.unmapped()).isEmpty();
    }
}

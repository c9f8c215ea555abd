package org.casebook.store.screening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and checking a screening output's log and flow. */
class ScreeningOutputTest
{
    static final String HEADER = "case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text\n";
    static final String FLOW = "{\"protocol\":\"ae-ra-ild-jaki\",\"patients_in_extract\":300,\"with_index_admission\":3,\"included\":2,"
            + "\"excluded_by_reason\":{\"ra\":1}}";

    /** Two included patients (P1, P2) and one excluded (X3). */
    static String log()
    {
        return HEADER
                + "1,P1,included,2024-01-11,enc-1,,\"index_admission=Encounter/enc-1;ra=Condition/c1\",\n"
                + "2,P2,included,2024-01-12,enc-2,,,ra\n"
                + ",X3,excluded,,,ra,,\n";
    }

    @Test
    void parsesEveryRowWithItsLine()
    {
        ScreeningOutput output = ScreeningOutput.parse(log(), FLOW);
        assertThat(output.rows()).extracting(LogRow::patientId).containsExactly("P1", "P2", "X3");
        assertThat(output.rows().get(0)).isEqualTo(new LogRow(2, 1, "P1", "included", "2024-01-11", "enc-1", null,
                "index_admission=Encounter/enc-1;ra=Condition/c1", null));
        assertThat(output.rows().get(2).included()).isFalse();
        assertThat(output.included()).isEqualTo(2);
    }

    @Test
    void everyBadCellIsReportedWithFileLineAndColumn()
    {
        String bad = HEADER
                + "1,P1,included,2024-13-11,enc-1,,,\n"
                + "x,P2,included,2024-01-12,,,,\n"
                + ",P1,excluded,,,,,\n"
                + ",P4,maybe,,,,,\n"
                + "1,P5\n";
        assertThatThrownBy(() -> ScreeningOutput.parse(bad, FLOW))
                .isInstanceOfSatisfying(ScreeningFileException.class, e -> assertThat(e.errors()).extracting(ScreeningFileError::message).containsExactly(
                        "screening.csv line 2, column day0: '2024-13-11': an included patient needs day 0 as a date (YYYY-MM-DD)",
                        "screening.csv line 3, column case_no: 'x': an included patient needs a case number 1, 2, …",
                        "screening.csv line 3, column encounter_id: missing",
                        "screening.csv line 4, column patient_id: 'P1': already on line 2",
                        "screening.csv line 4, column reason: missing",
                        "screening.csv line 5, column status: 'maybe': expected included or excluded",
                        "screening.csv line 6: has 2 cells, the header 8"));
    }

    @Test
    void flowThatIsNotJsonNamesItsLineAndColumn()
    {
        assertThatThrownBy(() -> ScreeningOutput.parse(log(), "{\n  \"patients_in_extract\": 3,\n  oops\n}"))
                .isInstanceOfSatisfying(ScreeningFileException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.file()).isEqualTo("flow.json");
                        assertThat(error.line()).isEqualTo(3);
                        assertThat(error.column()).isEqualTo("3");
                    });
                });
        assertThatThrownBy(() -> ScreeningOutput.parse(log(), "{\"included\": 2}"))
                .hasMessageContaining("flow.json column patients_in_extract: missing or not a number");
        assertThatThrownBy(() -> ScreeningOutput.parse("a,b\n1,2\n", FLOW))
                .hasMessageContaining("screening.csv line 1: 'a,b': not a screening log");
    }
}

package org.casebook.web.cases;

import java.util.List;

import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.ct.CtScan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The case page's timeline names each measurement as people read it: label, time point's label, value to its decimals, unit. */
class CaseTimelineTest
{
    private static final StudyProtocol SEED = Protocols.builtIn("ae-ra-ild-jaki");

    @Test
    void measurementsAreShownByTheirLabelsAndDecimalsNeverTheirRawNamesOrFifteenDecimals()
    {
        List<CaseValue> values = List.of(
                new CaseValue("", "admission_date", "2024-03-01", null, null, null),
                new CaseValue("onset", "pf_ratio", "96.66666666666667", "", "2024-03-01", "computed"),
                new CaseValue("onset", "fio2", "0.4", "", "2024-03-01", null),
                new CaseValue("onset", "kl6", "1450", "U/mL", "2024-03-02", null));
        List<String> labels = CaseTimeline.of(SEED, values, List.<CtScan>of()).stream().map(CaseTimeline.Event::label).toList();
        assertThat(labels).contains("PaO2/FiO2 (At onset) 96.7 mmHg", "FiO2 (At onset) 0.4", "KL-6 (At onset) 1450 U/mL");
        assertThat(String.join(" ", labels)).doesNotContain("pf_ratio", "66666", "(onset)");
    }
}

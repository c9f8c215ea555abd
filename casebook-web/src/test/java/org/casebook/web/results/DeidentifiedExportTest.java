package org.casebook.web.results;

import org.casebook.protocol.Protocols;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents leave the site only as the field's code set (or its {@code also} values) names them; anything else as {@code other}. */
class DeidentifiedExportTest
{
    private static final CaseSchema SEED = Protocols.builtIn(Protocols.SEED).caseSchema();

    @Test
    void agentValuesOnlyFromTheFieldsChoices()
    {
        CaseField jaki = SEED.findField("jaki_agent").orElseThrow();
        CaseField prior = SEED.findField("prior_jaki").orElseThrow();
        assertThat(DeidentifiedExport.agent(" Tofacitinib ", jaki)).isEqualTo("tofacitinib");
        assertThat(DeidentifiedExport.agent("none", jaki)).isEqualTo("other");
        assertThat(DeidentifiedExport.agent("NONE", prior)).isEqualTo("none");
        assertThat(DeidentifiedExport.agent("=cmd|' /C calc'!A0", prior)).isEqualTo("other");
        assertThat(DeidentifiedExport.agent("Dr. John Smith, MRN 00123456", jaki)).isEqualTo("other");
        assertThat(DeidentifiedExport.agent("tofacitinib", SEED.findField("prior_jaki_stop_reason").orElseThrow())).isEqualTo("other");
    }
}

package org.casebook.screening.synth.generic;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic generator refuses, with the rule and its line, an extract rule it cannot plant records for yet; the others load. */
class UnplantedRulesTest
{
    @Test
    void theSeedsExtractRulesAreNamedNotMisplanted()
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        int line = (int) text.substring(0, text.indexOf("{field: prior_jaki, kind")).chars().filter(c -> c == '\n').count() + 1;
        assertThatThrownBy(() -> GenericHospital.load(Protocols.SEED, 1, 100, false))
                .isInstanceOf(CasebookException.class)
                .satisfies(e -> assertThat(((CasebookException) e).errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("extract rule for prior_jaki (line " + line + ")")
                .hasMessageContaining("cannot plant records for 'record_date' yet");
    }

    @Test
    void protocolsWithoutThemLoad()
    {
        assertThat(GenericHospital.load("dm-ild-tofacitinib", 1, 100, false)).isNotNull();
    }
}

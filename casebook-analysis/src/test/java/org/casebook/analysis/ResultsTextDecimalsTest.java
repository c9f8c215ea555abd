package org.casebook.analysis;

import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.stats.Summary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code analyze} prints a variable's mean and SD at the decimals its protocol declares, as the report does. */
class ResultsTextDecimalsTest
{
    private static final String SEED_TEXT = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();

    private static StudyProtocol seedWith(String text)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    @Test
    void theProtocolsDecimalsWin()
    {
        StudyProtocol seed = Protocols.builtIn(Protocols.SEED);
        assertThat(ResultsText.decimalsFor(seed, "kl6")).isZero();
        assertThat(ResultsText.decimalsFor(seed, "ldh")).isZero();
        assertThat(ResultsText.decimalsFor(seed, "crp")).isEqualTo(2);
        assertThat(ResultsText.decimalsFor(seed, "fio2")).isEqualTo(2);
        assertThat(ResultsText.decimalsFor(seed, "pao2")).isEqualTo(1);
        // CT scores are not protocol variables: one decimal
        assertThat(ResultsText.decimalsFor(seed, CaseSeriesAnalysis.CT_TOTAL)).isEqualTo(1);
        // the seed's KL-6 before the exacerbation, as Table 1 prints it; a half rounds up
        assertThat(ResultsText.meanSd(new Summary(6, 1073.3333333333333, 275.4, 1000, 700, 1500), ResultsText.decimalsFor(seed, "kl6"))).isEqualTo("1073 ± 275");
        assertThat(ResultsText.meanSd(new Summary(6, 318.5, 41.1, 320, 270, 370), ResultsText.decimalsFor(seed, "ldh"))).isEqualTo("319 ± 41");
    }

    @Test
    void withoutDecimalsAFractionGetsTwoAndAnythingElseOne()
    {
        String kl6 = "    decimals: 0\n";
        String fio2 = "    decimals: 2\n";
        assertThat(SEED_TEXT).contains(kl6, fio2);
        StudyProtocol undeclared = seedWith(SEED_TEXT.replace(kl6, "").replace(fio2, ""));
        assertThat(undeclared.findVariable("kl6").orElseThrow().decimals()).isNull();
        assertThat(undeclared.findVariable("fio2").orElseThrow().decimals()).isNull();
        assertThat(ResultsText.decimalsFor(undeclared, "kl6")).isEqualTo(1);
        assertThat(ResultsText.decimalsFor(undeclared, "fio2")).isEqualTo(2);
    }
}

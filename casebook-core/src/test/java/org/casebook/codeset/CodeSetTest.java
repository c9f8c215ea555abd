package org.casebook.codeset;

import org.casebook.protocol.Protocols;
import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeSetTest
{
    private static final CodeSet ILD = Protocols.builtIn(Protocols.SEED).findCodeSet("ild").orElseThrow();
    private static final CodeSet JAKI = Protocols.builtIn(Protocols.SEED).findCodeSet("jak-inhibitors").orElseThrow();

    @Test
    void icd10PrefixMatchIgnoresDotAndCase()
    {
        assertThat(ILD.matchCoding(CodeSystems.ICD10_CM, "J84.10")).isPresent();
        assertThat(ILD.matchCoding(CodeSystems.ICD10_CM, "j8410")).isPresent();
        assertThat(ILD.matchCoding(CodeSystems.ICD10_CM, "M05.19")).isPresent();
        assertThat(ILD.matchCoding(CodeSystems.ICD10_CM, "M05.79")).isEmpty();
        assertThat(ILD.matchCoding(CodeSystems.ICD10_CM, "J96.01")).isEmpty();
    }

    @Test
    void codesMatchOnlyInTheirOwnSystem()
    {
        assertThat(ILD.matchCoding(CodeSystems.SNOMED_CT, "233703007")).isPresent();
        assertThat(ILD.matchCoding(CodeSystems.LOINC, "233703007")).isEmpty();
        assertThat(ILD.matchCoding(CodeSystems.SNOMED_CT, "2337030070")).isEmpty();
    }

    @Test
    void theIndexedLookupFindsTheFirstEntryInFileOrderAsTryingEveryEntryDoes()
    {
        CodeSet mixed = new CodeSet("mixed", "", java.util.List.of(
                CodeSetEntry.textTerm("fibrosis", "a"),
                CodeSetEntry.coded(CodeSystems.ICD10_CM, "J84.1*", "prefix"),
                CodeSetEntry.coded(CodeSystems.SNOMED_CT, "123", "snomed"),
                CodeSetEntry.coded(CodeSystems.ICD10_CM, "j84.10", "exact, later"),
                CodeSetEntry.coded("urn:local", "J84.10", "local"),
                CodeSetEntry.coded(CodeSystems.ICD10_CM, "M05.*", "other prefix")));
        String[][] codings = {{CodeSystems.ICD10_CM, "J84.10"}, {CodeSystems.ICD10_CM, "j8410"}, {CodeSystems.ICD10_CM, "M05.79"}, {CodeSystems.ICD10_CM, "J84"},
                {"urn:local", "J84.10"}, {"urn:local", "j84.10"}, {CodeSystems.SNOMED_CT, "123"}, {CodeSystems.SNOMED_CT, "1234"}, {null, "123"},
                {CodeSystems.SNOMED_CT, null}, {"urn:other", "J84.10"}};
        for (String[] coding : codings) {
            var expected = mixed.entries().stream().filter(entry -> entry.matches(coding[0], coding[1])).findFirst();
            assertThat(mixed.matchCoding(coding[0], coding[1]).map(CodeSetMatch::entry)).as(coding[0] + "|" + coding[1]).isEqualTo(expected);
        }
        assertThat(mixed.matchCoding(CodeSystems.ICD10_CM, "J84.10").orElseThrow().entry().agent()).isEqualTo("prefix");
        assertThat(mixed.matchCoding("urn:local", "j84.10")).isEmpty();
        assertThat(mixed.hasTextTerms()).isTrue();
        assertThat(ILD.hasTextTerms()).isEqualTo(ILD.entries().stream().anyMatch(CodeSetEntry::isText));
    }

    @Test
    void drugEntriesNameTheirAgentAndTextMatchesAreMarked()
    {
        CodeSetMatch byCode = JAKI.matchCoding(CodeSystems.ATC, "L04AA44").orElseThrow();
        assertThat(byCode.entry().findAgent()).contains("upadacitinib");
        assertThat(byCode.byText()).isFalse();
        CodeSetMatch byText = JAKI.matchText("Olumiant (Baricitinib) 4 mg tablet").orElseThrow();
        assertThat(byText.entry().findAgent()).contains("baricitinib");
        assertThat(byText.byText()).isTrue();
        assertThat(JAKI.matchText("prednisolone")).isEmpty();
    }

    @Test
    void readerReportsLineAndKeyOfAMistake()
    {
        String text = "id: x\nentries:\n  - {system: http://snomed.info/sct, code: \"1\"}\n  - {system: snomed, code: \"2\"}\n";
        assertThatThrownBy(() -> CodeSetReader.read("x.yaml", text))
                .isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("x.yaml line 4")
                .hasMessageContaining("entries[1].system")
                .hasMessageContaining("expected a code system URI");
    }

    @Test
    void entryWithBothCodeAndTextIsRejected()
    {
        String text = "id: x\nentries:\n  - {system: http://snomed.info/sct, code: \"1\", text: lung}\n";
        assertThatThrownBy(() -> CodeSetReader.read("x.yaml", text)).hasMessageContaining("line 3").hasMessageContaining("not both");
    }
}

package org.casebook.protocol;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolReaderTest
{
    private static final String SEED_TEXT = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();

    private static StudyProtocol read(String text)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    /** The seed protocol with one line replaced, to plant a single mistake. */
    private static String seedWith(String original, String replacement)
    {
        assertThat(SEED_TEXT).contains(original);
        return SEED_TEXT.replace(original, replacement);
    }

    private static int lineOf(String text, String fragment)
    {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void seedProtocolReadsWithItsTimePointsAndOutcomes()
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        assertThat(protocol.timepointNames()).containsExactly("before", "onset", "after");
        assertThat(protocol.studyWindow()).isEqualTo(new StudyWindow(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        assertThat(protocol.findTimepoint("onset").orElseThrow().fromDay()).isZero();
        assertThat(protocol.outcomes().followupDay()).isEqualTo(90);
        assertThat(protocol.outcomes().find("fvc_declined_10pct_relative").orElseThrow().byAtLeastPercent()).isEqualByComparingTo(new BigDecimal("10"));
        assertThat(protocol.ctScoring().system()).isEqualTo("ichikado");
        assertThat(protocol.codeSets()).containsOnlyKeys("ild", "rheumatoid-arthritis", "methylprednisolone", "jak-inhibitors", "oxygen",
                "oxygen-dependence", "pf-ratio", "pao2", "fio2", "fvc-percent-predicted", "jaki-stop-adverse-event");
        assertThat(protocol.eligibility()).extracting(EligibilityCriterion::id).containsExactly("index_admission", "ra", "glucocorticoid", "jak_inhibitor");
        assertThat(protocol.findVariable("pao2").orElseThrow().findFactor("kPa")).contains(7.50062);
        assertThat(protocol.findVariable("fio2").orElseThrow().findFactor("")).contains(1.0);
        assertThat(protocol.findVariable("fio2").orElseThrow().findFactor("fraction")).contains(1.0);
        assertThat(protocol.sha256()).hasSize(64);
    }

    @Test
    void userTimePointNamesAreKept()
    {
        String text = seedWith("  - name: after\n", "  - name: month3\n")
                .replace("to: after,", "to: month3,")
                .replace("timepoint: after,", "timepoint: month3,");
        assertThat(read(text).timepointNames()).containsExactly("before", "onset", "month3");
    }

    @Nested
    class Mistakes
    {
        @Test
        void badDateNamesLineKeyAndExpectation()
        {
            String text = seedWith("  start: 2024-01-01", "  start: 2024-13-01");
            assertThatThrownBy(() -> read(text))
                    .isInstanceOf(YamlFormatException.class)
                    .hasMessageContaining("p.yaml line " + lineOf(text, "2024-13-01"))
                    .hasMessageContaining("key 'study_window.start'")
                    .hasMessageContaining("expected a date as yyyy-mm-dd");
        }

        @Test
        void unknownKeyIsRejected()
        {
            String text = seedWith("    window_days: {from: 0, to: 2}", "    window_dayz: {from: 0, to: 2}");
            assertThatThrownBy(() -> read(text))
                    .hasMessageContaining("line " + lineOf(text, "window_dayz"))
                    .hasMessageContaining("timepoints[1].window_dayz")
                    .hasMessageContaining("unknown key");
        }

        @Test
        void windowEndingBeforeItStarts()
        {
            String text = seedWith("{from: 7, to: 180}", "{from: 7, to: 3}");
            assertThatThrownBy(() -> read(text))
                    .hasMessageContaining("timepoints[2].window_days.to")
                    .hasMessageContaining("expected a day on or after from (7), found 3");
        }

        @Test
        void outcomeNamingAnUndeclaredTimePoint()
        {
            String text = seedWith("from: onset, to: after, direction: increased", "from: onset, to: later, direction: increased");
            assertThatThrownBy(() -> read(text))
                    .hasMessageContaining("outcomes.list[0].to")
                    .hasMessageContaining("expected a time point declared under timepoints")
                    .hasMessageContaining("'later'");
        }

        @Test
        void nonNumericWindow()
        {
            String text = seedWith("{from: -365, to: -1}", "{from: a year, to: -1}");
            assertThatThrownBy(() -> read(text))
                    .hasMessageContaining("timepoints[0].window_days.from")
                    .hasMessageContaining("expected a whole number, found 'a year'");
        }

        @Test
        void missingRequiredKey()
        {
            String text = SEED_TEXT.replaceAll("(?s)\noutcomes:.*", "\n");
            assertThatThrownBy(() -> read(text)).hasMessageContaining("missing required key 'outcomes'");
        }

        @Test
        void unknownScoringSystem()
        {
            String text = seedWith("  system: ichikado", "  system: warrick");
            assertThatThrownBy(() -> read(text)).hasMessageContaining("ct_score.system").hasMessageContaining("expected ichikado or kazerooni");
        }

        @Test
        void duplicateKey()
        {
            String text = seedWith("id: ae-ra-ild-jaki\n", "id: ae-ra-ild-jaki\nid: again\n");
            assertThatThrownBy(() -> read(text)).hasMessageContaining("line 6").hasMessageContaining("key written twice");
        }

        @Test
        void criterionNamingAnUndeclaredCodeSet()
        {
            String text = seedWith("    code_set: jak-inhibitors", "    code_set: jakis");
            assertThatThrownBy(() -> read(text)).hasMessageContaining("eligibility[3].code_set").hasMessageContaining("'jakis'");
        }

        @Test
        void invalidYaml()
        {
            assertThatThrownBy(() -> read("id: [unclosed\n")).isInstanceOf(YamlFormatException.class).hasMessageContaining("not valid YAML");
        }

        @Test
        void missingCodeSetFile()
        {
            String text = seedWith("  oxygen: codesets/oxygen.yaml", "  oxygen: codesets/o2.yaml");
            assertThatThrownBy(() -> read(text)).hasMessageContaining("code_sets.oxygen").hasMessageContaining("cannot read code-set file 'codesets/o2.yaml'");
        }

        @Test
        void theSeedsFormerExtractionRulesNameTheirLineAndWhatToWriteInstead()
        {
            String lists = "  excluded_medication_statuses: [entered-in-error, cancelled, draft, not-done, not-taken]\n";
            String text = seedWith(lists, lists + "  pulse:\n    code_set: methylprednisolone\n    min_single_dose_mg: 500\n");
            assertThatThrownBy(() -> read(text)).isInstanceOf(YamlFormatException.class)
                    .hasMessageContaining("p.yaml line " + lineOf(text, "  pulse:"))
                    .hasMessageContaining("key 'extraction.pulse'")
                    .hasMessageContaining("write this value as rules under 'extract'");
        }

        @Test
        void aStoredStudysProtocolWithTheFormerRulesStillReadsAndOtherMistakesStillCount()
        {
            String lists = "  excluded_medication_statuses: [entered-in-error, cancelled, draft, not-done, not-taken]\n";
            String text = seedWith(lists, lists + "  pulse:\n    code_set: methylprednisolone\n    min_single_dose_mg: 500\n");
            ProtocolReader reader = new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow());
            assertThat(reader.readAccepted(text).id()).isEqualTo(Protocols.SEED);
            String alsoUnknown = text.replace(lists, lists + "  something_else: 1\n");
            assertThatThrownBy(() -> reader.readAccepted(alsoUnknown)).hasMessageContaining("extraction.something_else").hasMessageContaining("unknown key");
        }

        @Test
        void extractionHoldsOnlyTheListsOfRecordsThatNeverCount()
        {
            String lists = "  excluded_medication_statuses: [entered-in-error, cancelled, draft, not-done, not-taken]\n";
            String unknown = seedWith(lists, lists + "  excluded_observation_statuses: [cancelled]\n");
            assertThatThrownBy(() -> read(unknown)).hasMessageContaining("key 'extraction.excluded_observation_statuses'").hasMessageContaining("unknown key");
            String notAList = seedWith(lists, "  excluded_medication_statuses: 3\n");
            assertThatThrownBy(() -> read(notAList)).hasMessageContaining("extraction.excluded_medication_statuses");
        }
    }
}

package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every extract search of a protocol gets its named near misses (expected/extraction_near_misses.csv):
 * a day outside each edge of its window, the time-zone edges written with their offsets, a record
 * that does not count; and across the rules of the fixture with every option, each kind of near
 * miss the language's filters call for.
 */
class ExtractionNearMissCoverageTest
{
    @TempDir
    Path temp;

    @Test
    void everySearchOfTheFixtureWithEveryOptionGetsItsNearMisses()
            throws IOException
    {
        String protocol = FixtureProtocolTest.fixture("allrules").toString();
        Map<String, Set<String>> planted = plant(protocol);
        assertEveryRuleHasTheEdgeNearMisses(Protocols.load(protocol), planted);
        Set<String> all = new HashSet<>();
        planted.values().forEach(all::addAll);
        assertThat(all).contains("outside_after", "tz_last_day", "tz_day_after", "code_not_in_set", "status_not_counted", "refuted",
                "record_type_not_counted", "modality_not_listed", "value_fails", "value_other_unit", "value_code_not_in_set", "dose_fails", "dose_not_mass",
                "no_dose", "judged_date_outside", "no_end", "implausible", "unit_not_accepted", "unit_not_in_rule_units",
                "last_record_kind_not_listed", "last_record_not_counting", "tie_same_day", "tie_value", "tie_nearest_earlier");
        // the dose filter's near misses are the rule's that has one; the units one the rule's with its own units
        assertThat(planted.get("highest_bolus_mg")).contains("dose_fails", "dose_not_mass", "no_dose");
        assertThat(planted.get("bnp at admission")).contains("unit_not_in_rule_units");
        assertThat(planted.get("prior_furosemide")).contains("judged_date_outside", "no_end", "status_not_counted", "record_type_not_counted");
        assertThat(planted.get("ct_study at month3")).contains("modality_not_listed");
    }

    @Test
    void everySearchOfTheSeedProtocolGetsItsNearMisses()
            throws IOException
    {
        Map<String, Set<String>> planted = plant(Protocols.SEED);
        assertEveryRuleHasTheEdgeNearMisses(Protocols.builtIn(Protocols.SEED), planted);
        assertThat(planted.get("mpsl_pulse")).contains("dose_fails", "dose_not_mass", "no_dose");
        assertThat(planted.get("home_oxygen_at_discharge")).contains("refuted", "judged_date_outside");
        assertThat(planted.get("last_followup_date")).contains("last_record_kind_not_listed", "last_record_not_counting");
    }

    private static void assertEveryRuleHasTheEdgeNearMisses(StudyProtocol protocol, Map<String, Set<String>> planted)
    {
        for (ExtractRule rule : protocol.extract()) {
            if ((rule.kind() == null && rule.anyOf().isEmpty()) || rule.criterion() != null) {
                continue;
            }
            assertThat(planted.get(rule.target())).as(rule.target()).contains("outside_before", "tz_first_day", "tz_day_before", "not_counting");
        }
    }

    /** Near-miss names by rule, over every eligible patient of a 1,000-patient hospital. */
    private Map<String, Set<String>> plant(String protocol)
            throws IOException
    {
        Path extract = temp.resolve("extract");
        GenericHospital.load(protocol, 5, 1000, false).write(extract, ProgressListener.NONE);
        List<String> lines = Files.readAllLines(extract.resolve("expected/extraction_near_misses.csv"));
        assertThat(lines.get(0)).isEqualTo("patient_id,rule,near_miss,record");
        Map<String, Set<String>> byRule = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            byRule.computeIfAbsent(cells[1], key -> new HashSet<>()).add(cells[2]);
        }
        return byRule;
    }
}

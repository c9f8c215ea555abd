package org.casebook.protocol;

import org.casebook.schema.AdverseEventSchema;
import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code adverse_events}: the levels of an adverse event's "related to" and outcome, and the study's CTCAE version, are the protocol's. */
class AdverseEventLevelsTest
{
    private static final String RESECTION = "ild-lung-resection";
    private static final String RESECTION_TEXT = Protocols.builtInFile(RESECTION, "protocol.yaml").orElseThrow();

    private static StudyProtocol withAdverseEvents(String block)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(RESECTION, path).orElseThrow()).read(RESECTION_TEXT + "\n" + block);
    }

    private static int lineOf(String text, String fragment)
    {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aProtocolThatSaysNothingKeepsTheLevelsCasebookAlwaysHad()
    {
        AdverseEventSchema levels = withAdverseEvents("").caseSchema().adverseEvents();
        assertThat(levels).isEqualTo(AdverseEventSchema.DEFAULT);
        assertThat(levels.relatedToLevels()).containsExactly("jaki", "glucocorticoid", "other", "unknown");
        assertThat(levels.parseRelatedTo("JAKI")).contains("jaki");
        assertThat(levels.relatedToLabel("jaki")).isEqualTo("JAK inhibitor");
        assertThat(levels.outcomeLevels()).containsExactly("recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown");
        assertThat(levels.outcomeLabel("not_recovered")).isEqualTo("not recovered");
        assertThat(levels.ctcaeVersion()).isNull();
    }

    @Test
    void outcomesAndTheCtcaeVersionAreTheProtocols()
    {
        AdverseEventSchema levels = withAdverseEvents("adverse_events:\n  ctcae_version: 4.03\n  outcomes: {resolved: Resolved, ongoing: Ongoing at follow-up, death: Died}\n")
                .caseSchema().adverseEvents();
        assertThat(levels.outcomeLevels()).containsExactly("resolved", "ongoing", "death");
        assertThat(levels.parseOutcome(" ONGOING ")).contains("ongoing");
        assertThat(levels.parseOutcome("recovered")).isEmpty();
        assertThat(levels.outcomeLabel("Death")).isEqualTo("Died");
        assertThat(levels.outcomeExpected()).isEqualTo("one of resolved, ongoing, death");
        assertThat(levels.ctcaeVersion()).isEqualTo("4.03");
        // related_to left out keeps its default levels
        assertThat(levels.relatedToLevels()).containsExactly("jaki", "glucocorticoid", "other", "unknown");
        assertThat(levels.ctcaeVersionOf(null)).isEqualTo("4.03");
        assertThat(levels.ctcaeVersionOf("5.0")).isEqualTo("5.0");
    }

    @Test
    void aCtcaeVersionIsReadAsWrittenQuotedOrNot()
    {
        assertThat(withAdverseEvents("adverse_events:\n  ctcae_version: \"v5.0\"\n").caseSchema().adverseEvents().ctcaeVersion()).isEqualTo("5.0");
        assertThat(withAdverseEvents("adverse_events:\n  ctcae_version: \"5.10\"\n").caseSchema().adverseEvents().ctcaeVersion()).isEqualTo("5.10");
        assertThat(withAdverseEvents("adverse_events:\n  ctcae_version: 5.0\n").caseSchema().adverseEvents().ctcaeVersion()).isEqualTo("5.0");
        assertThat(withAdverseEvents("adverse_events:\n  ctcae_version: 5.10\n").caseSchema().adverseEvents().ctcaeVersion()).isEqualTo("5.10");
        assertThat(AdverseEventSchema.parseCtcaeVersion("V4.03")).contains("4.03");
        assertThat(AdverseEventSchema.parseCtcaeVersion("five")).isEmpty();
        assertThat(AdverseEventSchema.parseCtcaeVersion("5.0.1")).isEmpty();
        assertThat(AdverseEventSchema.parseCtcaeVersion("")).isEmpty();
    }

    @Test
    void aBadCtcaeVersionOrOutcomeShapeIsALocatedError()
    {
        String text = RESECTION_TEXT + "\nadverse_events:\n  ctcae_version: latest\n";
        assertThatThrownBy(() -> new ProtocolReader("p.yaml", path -> Protocols.builtInFile(RESECTION, path).orElseThrow()).read(text))
                .isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "ctcae_version") + ", key 'adverse_events.ctcae_version'")
                .hasMessageContaining("expected a CTCAE version such as 5.0 or 4.03").hasMessageContaining("found 'latest'");
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  ctcae_version: [5.0]\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.ctcae_version'").hasMessageContaining("expected a text value");
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  outcomes: recovered\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.outcomes'")
                .hasMessageContaining("expected a list of levels, or a mapping from each level to the words it is shown under");
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  outcomes: [fatal, Fatal]\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.outcomes[1]'").hasMessageContaining("found 'Fatal' twice");
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  outcomes: []\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.outcomes'").hasMessageContaining("expected at least one level");
    }

    @Test
    void theSeedGradesByCtcaeFiveAndKeepsTheDefaultLevels()
    {
        AdverseEventSchema levels = Protocols.builtIn(Protocols.SEED).caseSchema().adverseEvents();
        assertThat(levels.ctcaeVersion()).isEqualTo("5.0");
        assertThat(levels.relatedTo()).isEqualTo(AdverseEventSchema.DEFAULT.relatedTo());
        assertThat(levels.outcomes()).isEqualTo(AdverseEventSchema.DEFAULT.outcomes());
    }

    @Test
    void levelsAsAListAreTheirOwnLabels()
    {
        AdverseEventSchema levels = withAdverseEvents("adverse_events:\n  related_to: [Nintedanib, surgery, other, unknown]\n").caseSchema().adverseEvents();
        assertThat(levels.relatedToLevels()).containsExactly("Nintedanib", "surgery", "other", "unknown");
        assertThat(levels.parseRelatedTo(" nintedanib ")).contains("Nintedanib");
        assertThat(levels.parseRelatedTo("jaki")).isEmpty();
        assertThat(levels.relatedToLabel("surgery")).isEqualTo("surgery");
        assertThat(levels.relatedToExpected()).isEqualTo("one of Nintedanib, surgery, other, unknown");
    }

    @Test
    void levelsAsAMappingAreShownUnderTheirWords()
    {
        AdverseEventSchema levels = withAdverseEvents("adverse_events:\n  related_to: {surgery: the resection, ntd: nintedanib, unknown: not known}\n")
                .caseSchema().adverseEvents();
        assertThat(levels.relatedToLevels()).containsExactly("surgery", "ntd", "unknown");
        assertThat(levels.relatedToLabel("NTD")).isEqualTo("nintedanib");
        // a value stored before the protocol changed is shown as it was stored
        assertThat(levels.relatedToLabel("jaki")).isEqualTo("jaki");
    }

    @Test
    void aLevelRepeatedIgnoringCaseIsALocatedError()
    {
        String block = "adverse_events:\n  related_to: [surgery, other, Surgery]\n";
        assertThatThrownBy(() -> withAdverseEvents(block)).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.related_to[2]'")
                .hasMessageContaining("expected distinct levels (compared ignoring case), found 'Surgery' twice");
    }

    @Test
    void anEmptyListOrAScalarIsALocatedError()
    {
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  related_to: []\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.related_to'").hasMessageContaining("expected at least one level");
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  related_to: surgery\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.related_to'")
                .hasMessageContaining("expected a list of levels, or a mapping from each level to the words it is shown under");
    }

    @Test
    void aLevelWithControlCharactersOrABlankLabelIsALocatedError()
    {
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  related_to: [\"sur\\tgery\"]\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.related_to[0]'").hasMessageContaining("expected a level of 1 to 60 letters");
        assertThatThrownBy(() -> withAdverseEvents("adverse_events:\n  related_to: {surgery: \" \"}\n")).isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("key 'adverse_events.related_to.surgery'").hasMessageContaining("expected a non-empty text value");
    }

    @Test
    void anUnknownKeyUnderAdverseEventsIsALocatedError()
    {
        String text = RESECTION_TEXT + "\nadverse_events:\n  relates_to: [surgery]\n";
        assertThatThrownBy(() -> new ProtocolReader("p.yaml", path -> Protocols.builtInFile(RESECTION, path).orElseThrow()).read(text))
                .isInstanceOf(YamlFormatException.class)
                .hasMessageContaining("p.yaml line " + lineOf(text, "relates_to") + ", key 'adverse_events.relates_to'")
                .hasMessageContaining("expected one of [ctcae_version, outcomes, related_to]");
    }
}

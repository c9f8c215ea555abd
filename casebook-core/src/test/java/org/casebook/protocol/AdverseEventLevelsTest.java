package org.casebook.protocol;

import org.casebook.schema.AdverseEventSchema;
import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code adverse_events.related_to}: the levels of an adverse event's "related to" are the protocol's. */
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
        AdverseEventSchema levels = Protocols.builtIn(Protocols.SEED).caseSchema().adverseEvents();
        assertThat(levels).isEqualTo(AdverseEventSchema.DEFAULT);
        assertThat(levels.relatedToLevels()).containsExactly("jaki", "glucocorticoid", "other", "unknown");
        assertThat(levels.parseRelatedTo("JAKI")).contains("jaki");
        assertThat(levels.relatedToLabel("jaki")).isEqualTo("JAK inhibitor");
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
                .hasMessageContaining("expected one of [related_to]");
    }
}

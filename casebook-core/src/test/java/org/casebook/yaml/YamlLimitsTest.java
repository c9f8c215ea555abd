package org.casebook.yaml;

import java.time.Duration;

import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What only a damaged or hostile YAML file holds is refused with its line, quickly and in little memory. */
class YamlLimitsTest
{
    private static final String SEED_TEXT = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();

    private static void readProtocol(String text)
    {
        new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    private static String seedWith(String original, String replacement)
    {
        assertThat(SEED_TEXT).contains(original);
        return SEED_TEXT.replace(original, replacement);
    }

    @Test
    void anAliasIsAnErrorNotItsAnchorsName()
    {
        assertThatThrownBy(() -> YamlDocuments.parse("a.yaml", "id: &name first\ntitle: *name\n"))
                .isInstanceOf(YamlFormatException.class)
                .hasMessage("a.yaml line 2, key 'title': a YAML alias (*name); write the value out instead");
    }

    @Test
    void anAliasBombIsRefusedAtItsFirstAlias()
    {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char previous = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ",").repeat(9)).append("*").append(previous).append("]\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> YamlDocuments.parse("bomb.yaml", bomb.toString()))
                .hasMessageContaining("bomb.yaml line 2, key 'b[0]': a YAML alias (*a)"));
    }

    @Test
    void aSecondDocumentIsAnError()
    {
        assertThatThrownBy(() -> YamlDocuments.parse("a.yaml", "id: one\n---\nid: two\n"))
                .hasMessage("a.yaml line 3: a second YAML document (after ---); a protocol or code-set file holds one document");
    }

    @Test
    void aLargeFileOrScalarIsRefusedQuickly()
    {
        String large = "id: " + "x".repeat(30 * 1024 * 1024) + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> YamlDocuments.parse("big.yaml", large))
                .hasMessage("big.yaml line 1: the file has 31457285 characters; a protocol or code-set file may have at most 4194304"));
        String scalar = "id: " + "x".repeat(200_000) + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> YamlDocuments.parse("long.yaml", scalar))
                .hasMessage("long.yaml line 1, key 'id': a value of 200000 characters; at most 100000"));
    }

    @Test
    void deepNestingIsRefused()
    {
        String deep = "a: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThatThrownBy(() -> YamlDocuments.parse("deep.yaml", deep)).hasMessageContaining("deep.yaml line 1").hasMessageContaining("nested deeper than 40 levels");
    }

    @Test
    void numbersBeyondRangeAreRefusedWhereWritten()
    {
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "a: 1\nb: 1e999999999\n"))
                .hasMessageStartingWith("n.yaml line 2, key 'b': number out of range");
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "b: 1e-999999999\n")).hasMessageContaining("number out of range");
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "a: 1\nb: .inf\n")).hasMessageStartingWith("n.yaml line 2").hasMessageContaining("'.inf'");
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "a: 1\nb: .nan\n")).hasMessageStartingWith("n.yaml line 2").hasMessageContaining("'.nan'");
    }

    @Test
    void integersDoNotWrapAndNumbersStayWithinRange()
    {
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "d: 4294967386\n").integer("d"))
                .hasMessage("n.yaml line 1, key 'd': expected a whole number from -2147483648 to 2147483647, found '4294967386'");
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "d: 99999999999999999999999\n").integer("d")).hasMessageContaining("expected a whole number from");
        assertThatThrownBy(() -> YamlDocuments.parse("n.yaml", "f: 1e20\n").number("f"))
                .hasMessage("n.yaml line 1, key 'f': expected a number from -1e15 to 1e15, found '1E+20'");
        assertThat(YamlDocuments.parse("n.yaml", "f: 7.50062\n").number("f")).isEqualTo(7.50062);
    }

    @Test
    void aProtocolWithAWrappingFollowUpDayOrHugeFactorOrThresholdFailsItsCheck()
    {
        assertThatThrownBy(() -> readProtocol(seedWith("followup_day: 90", "followup_day: 4294967386")))
                .hasMessageContaining("key 'outcomes.followup_day': expected a whole number from -2147483648 to 2147483647, found '4294967386'");
        assertThatThrownBy(() -> readProtocol(seedWith("kPa: 7.50062", "kPa: 1e308")))
                .hasMessageContaining("key 'variables[0].units.kPa': number out of range");
        assertThatThrownBy(() -> readProtocol(seedWith("kPa: 7.50062", "kPa: 1e20")))
                .hasMessageContaining("key 'variables[0].units.kPa': expected a number from -1e15 to 1e15, found '1E+20'");
        assertThatThrownBy(() -> readProtocol(seedWith("adjudication_threshold: 30", "adjudication_threshold: 1e999999999")))
                .hasMessageContaining("key 'ct_score.adjudication_threshold': number out of range");
    }

    @Test
    void aFileThatIsNotYamlIsNotEchoed()
    {
        String secret = "root:x:0:0:root:/root:/bin/bash\nsecret\t: [value\n";
        assertThatThrownBy(() -> YamlDocuments.parse("passwd", secret))
                .hasMessageStartingWith("passwd line ")
                .hasMessageNotContaining("root:/root")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> YamlDocuments.parse("notes", "just some text of a file that is not a code set\n").requireKeys(java.util.Set.of("id"), java.util.Set.of()))
                .hasMessage("notes line 1: expected a mapping of keys to values, found a single value (is this a protocol or code-set file?)");
    }
}

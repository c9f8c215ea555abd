package org.casebook.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest
{
    @Test
    void controlCharactersAreEscapedAndLongValuesCut()
    {
        assertThat(Messages.shorten("a\u001b[31mred\u0007\r\n\tb")).isEqualTo("a\\u001b[31mred\\u0007\\r\\n\\tb");
        assertThat(Messages.shorten("x".repeat(5_000_000))).isEqualTo("x".repeat(80) + "… (5000000 characters)");
        assertThat(Messages.shorten("right\u202eto left")).isEqualTo("right\\u202eto left");
        assertThat(Messages.shorten(null)).isEmpty();
        assertThat(Messages.shorten("é😀", 80)).isEqualTo("é😀");
    }

    @Test
    void aMessageKeepsItsLinesButNotTheirEscapes()
    {
        assertThat(Messages.safeForTerminal("first\r\nsecond \u001b]0;title\u0007")).isEqualTo("first\nsecond \\u001b]0;title\\u0007");
        assertThat(Messages.safeForTerminal("y".repeat(3000)).length()).isLessThan(2100);
    }
}

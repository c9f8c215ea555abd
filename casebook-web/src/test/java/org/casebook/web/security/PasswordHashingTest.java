package org.casebook.web.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashingTest
{
    private static final PasswordEncoder ENCODER = PasswordHashing.encoder();

    @Test
    void longPassphrasesCountInFullAndDoNotFail()
    {
        String first = "é".repeat(60) + "a";   // 121 bytes: past bcrypt's 72
        String second = "é".repeat(60) + "b";  // the same first 72 bytes
        String hash = ENCODER.encode(first);
        assertThat(hash).startsWith("{bcrypt-sha256}$2a$");
        assertThat(ENCODER.matches(first, hash)).isTrue();
        assertThat(ENCODER.matches(second, hash)).isFalse();
        String longest = "x".repeat(PasswordHashing.MAX_LENGTH);
        assertThat(ENCODER.matches(longest, ENCODER.encode(longest))).isTrue();
    }

    @Test
    void hashesMadeBeforeStillVerifyAndALongPasswordJustDoesNotMatchThem()
    {
        String old = "{bcrypt}" + new BCryptPasswordEncoder().encode("correct horse battery staple");
        assertThat(ENCODER.matches("correct horse battery staple", old)).isTrue();
        assertThat(ENCODER.matches("wrong horse battery staple", old)).isFalse();
        assertThat(ENCODER.matches("p".repeat(100), old)).isFalse();
        assertThat(ENCODER.upgradeEncoding(old)).isTrue();
    }
}

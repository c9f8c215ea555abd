package org.casebook.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing and one-time passwords. Hashes are Spring Security's delegating format, so the
 * algorithm can change while old hashes still verify:
 * <ul>
 * <li>{@code {bcrypt-sha256}} (new hashes): bcrypt of the Base64 SHA-256 of the password. bcrypt
 * reads at most 72 bytes and Spring's encoder refuses longer input (a 500 for a long passphrase);
 * the pre-hash is always 44 bytes, so passwords of up to {@value #MAX_LENGTH} characters (in any
 * script) count in full;</li>
 * <li>{@code {bcrypt}} (hashes made before): plain bcrypt; a password over 72 bytes simply does not
 * match such a hash instead of failing;</li>
 * <li>{@code {noop}}: kept from Spring's default set for accounts seeded by tests and tools.</li>
 * </ul>
 */
public final class PasswordHashing
{
    /** The longest password accepted (characters). */
    public static final int MAX_LENGTH = 128;

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();
    private static final PasswordEncoder ENCODER = new DelegatingPasswordEncoder("bcrypt-sha256", Map.of(
            "bcrypt-sha256", new PrehashedBcrypt(),
            "bcrypt", new LengthSafeBcrypt(),
            "noop", NoOpPasswordEncoder.getInstance()));

    private PasswordHashing() {}

    public static PasswordEncoder encoder()
    {
        return ENCODER;
    }

    /** A random 20-character password (about 116 bits), shown once to the person who creates the account. */
    public static String newOneTimePassword()
    {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    static String sha256Base64(CharSequence password)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class PrehashedBcrypt
            implements PasswordEncoder
    {
        @Override
        public String encode(CharSequence rawPassword)
        {
            return BCRYPT.encode(sha256Base64(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword)
        {
            return BCRYPT.matches(sha256Base64(rawPassword), encodedPassword);
        }
    }

    private static final class LengthSafeBcrypt
            implements PasswordEncoder
    {
        @Override
        public String encode(CharSequence rawPassword)
        {
            throw new UnsupportedOperationException("new hashes are bcrypt-sha256");
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword)
        {
            if (rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > 72) {
                return false;
            }
            return BCRYPT.matches(rawPassword, encodedPassword);
        }
    }
}

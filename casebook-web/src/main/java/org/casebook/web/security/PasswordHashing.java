package org.casebook.web.security;

import java.security.SecureRandom;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing by Spring Security's delegating encoder (bcrypt, stored with its
 * {@code {bcrypt}} prefix so the algorithm can be upgraded later) and one-time passwords.
 */
public final class PasswordHashing
{
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

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
}

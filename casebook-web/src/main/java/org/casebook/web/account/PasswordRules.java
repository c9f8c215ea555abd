package org.casebook.web.account;

import java.util.List;
import java.util.Locale;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.casebook.web.security.PasswordHashing;

/**
 * What a chosen password must be: 12 to 128 characters, not containing the user name, and not
 * easy to guess. "Easy to guess" is zxcvbn's estimate (Dropbox's, the Java port bundled as
 * {@code com.nulab-inc:zxcvbn}): its dictionaries hold the 30,000 most common passwords of
 * leaked lists, English words, names and surnames, and it finds the patterns guessers try on
 * them (l33t, reversed, capitalised, keyboard walks such as {@code qwertyuiop}, repeats such as
 * {@code aaaaaaaaaaaa}, sequences such as {@code 123456789012}, dates and years). A password it
 * reckons under 10^8 guesses (its score 0–2) is refused with its warning.
 */
public final class PasswordRules
{
    public static final int MIN_LENGTH = 12;
    /** zxcvbn's score 3 starts at 10^8 guesses. */
    static final int MIN_SCORE = 3;

    private static final Zxcvbn ZXCVBN = new Zxcvbn();

    private PasswordRules() {}

    /** Why {@code password} may not be {@code username}'s password, or null when it may. */
    public static String problem(String username, String password)
    {
        if (password.length() < MIN_LENGTH) {
            return "The new password needs at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > PasswordHashing.MAX_LENGTH) {
            return "The new password may have at most " + PasswordHashing.MAX_LENGTH + " characters.";
        }
        // the first thing a guesser tries
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return "The new password must not contain your user name.";
        }
        Strength strength = ZXCVBN.measure(password, List.of(username, "casebook"));
        if (strength.getScore() < MIN_SCORE) {
            String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
            return "The new password is too easy to guess" + (warning == null || warning.isBlank() ? "" : ": " + warning.strip().replaceAll("\\.$", ""))
                    + ". Try a few unrelated words.";
        }
        return null;
    }
}

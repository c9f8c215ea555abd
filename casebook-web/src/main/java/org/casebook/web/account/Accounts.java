package org.casebook.web.account;

import org.casebook.error.CasebookException;
import org.casebook.store.NotFoundException;
import org.casebook.store.study.UserSummary;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.casebook.web.security.UserSessions;
import org.springframework.stereotype.Service;

/**
 * What site admins do to accounts, for the Users page and the API alike: create one with a
 * one-time password (the same as {@code casebook user add}), disable or enable it, reset its
 * password to a new one-time password. Disabling and resetting end the account's sessions.
 */
@Service
public class Accounts
{
    private final Users users;
    private final UserSessions sessions;

    public Accounts(Users users, UserSessions sessions)
    {
        this.users = users;
        this.sessions = sessions;
    }

    /** The one-time password, shown once; the new user must replace it at first login. */
    public record CreatedUser(String username, boolean admin, String oneTimePassword) {}

    /** A reset password: a new one-time password, shown once. */
    public record ResetPassword(String username, String oneTimePassword) {}

    public CreatedUser create(String username, boolean admin, String actor)
    {
        String name = username == null ? "" : username.strip();
        String password = PasswordHashing.newOneTimePassword();
        users.addWithOneTimePassword(name, PasswordHashing.encoder().encode(password), admin, actor);
        return new CreatedUser(name, admin, password);
    }

    /** Disables (ending every session of the account at once) or enables an account; an admin cannot disable themselves. */
    public UserSummary setDisabled(String username, boolean disabled, String actor)
    {
        if (disabled && username.equals(actor)) {
            throw CasebookException.badInput("you cannot disable your own account: ask another admin");
        }
        users.setDisabled(username, disabled, actor);
        if (disabled) {
            sessions.endAll(username);
        }
        return summary(username);
    }

    /** A new one-time password (shown once; the user must change it at next login); every session of the account ends. */
    public ResetPassword resetPassword(String username, String actor)
    {
        String password = PasswordHashing.newOneTimePassword();
        users.resetPassword(username, PasswordHashing.encoder().encode(password), actor);
        sessions.endAll(username);
        return new ResetPassword(username, password);
    }

    private UserSummary summary(String username)
    {
        return users.accounts().stream().filter(account -> account.username().equals(username)).findFirst()
                .orElseThrow(() -> new NotFoundException("user '" + username + "'"));
    }
}

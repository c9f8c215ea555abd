package org.casebook.store.study;

import static java.util.Objects.requireNonNull;

/** A login. {@code passwordHash} is an encoded hash (bcrypt or Argon2, with its own prefix), never a password. */
public record UserAccount(long id, String username, String passwordHash, boolean admin)
{
    public UserAccount
    {
        requireNonNull(username, "username is null");
        requireNonNull(passwordHash, "passwordHash is null");
    }
}

package org.casebook.store.study;

/** An account as the admins' user list shows it: no password hash. */
public record UserSummary(String username, boolean admin, boolean disabled, boolean mustChangePassword) {}

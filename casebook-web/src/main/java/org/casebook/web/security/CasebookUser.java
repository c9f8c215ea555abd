package org.casebook.web.security;

import java.util.List;

import org.casebook.store.study.UserAccount;
import org.casebook.store.study.Users;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Loads logins from the store: every user has ROLE_USER, admins also ROLE_ADMIN. Study roles are looked up per request. */
public final class CasebookUser
        implements UserDetailsService
{
    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private final Users users;

    public CasebookUser(Users users)
    {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username)
    {
        UserAccount account = users.find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        List<SimpleGrantedAuthority> authorities = account.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority(ADMIN_AUTHORITY))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        // a disabled account is refused by Spring's checks before its password is compared
        return User.withUsername(account.username()).password(account.passwordHash()).authorities(authorities)
                .disabled(users.isDisabled(account.username())).build();
    }
}

package org.casebook.web.api;

import java.util.List;

import org.casebook.error.CasebookException;
import org.casebook.store.study.UserSummary;
import org.casebook.store.study.Users;
import org.casebook.web.account.Accounts;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, for site admins (the same operations as the Users page). In this package so that errors answer as {@link ApiErrors} JSON. */
@RestController
@RequestMapping("/api/users")
public class UserApi
{
    private final Users users;
    private final Accounts accounts;

    public UserApi(Users users, Accounts accounts)
    {
        this.users = users;
        this.accounts = accounts;
    }

    public record NewUser(String username, boolean admin) {}

    /** Disables or enables an account. */
    public record Disabled(Boolean disabled) {}

    @GetMapping
    public List<UserSummary> list()
    {
        return users.accounts();
    }

    /** A new account; answers its one-time password, shown once. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Accounts.CreatedUser create(@RequestBody NewUser request, Authentication authentication)
    {
        return accounts.create(request.username(), request.admin(), authentication.getName());
    }

    @PutMapping("/{username}/disabled")
    public UserSummary setDisabled(@PathVariable String username, @RequestBody Disabled request, Authentication authentication)
    {
        if (request.disabled() == null) {
            throw CasebookException.badInput("expected {\"disabled\": true or false}");
        }
        return accounts.setDisabled(username, request.disabled(), authentication.getName());
    }

    @PostMapping("/{username}/password-reset")
    public Accounts.ResetPassword resetPassword(@PathVariable String username, Authentication authentication)
    {
        return accounts.resetPassword(username, authentication.getName());
    }
}

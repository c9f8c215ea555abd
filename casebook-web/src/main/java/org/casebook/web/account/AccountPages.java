package org.casebook.web.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.casebook.store.study.UserAccount;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.casebook.web.security.UserSessions;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing one's password; required at the first login after {@code casebook user add} or an
 * admin's reset. A refused change comes back with the problem beside the field it concerns.
 */
@Controller
public class AccountPages
{
    private final Users users;
    private final UserSessions sessions;

    public AccountPages(Users users, UserSessions sessions)
    {
        this.users = users;
        this.sessions = sessions;
    }

    /** Which field of the form a problem concerns ({@code current}, {@code password} or {@code confirmation}) and what it is. */
    record Problem(String field, String message) {}

    @GetMapping("/account/password")
    public String form(Authentication authentication, Model model)
    {
        model.addAttribute("required", users.mustChangePassword(authentication.getName()));
        model.addAttribute("username", authentication.getName());
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordHashing.MAX_LENGTH);
        return "account-password";
    }

    @PostMapping("/account/password")
    public String change(@RequestParam String current, @RequestParam String password, @RequestParam String confirmation,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response)
    {
        UserAccount account = users.find(authentication.getName()).orElseThrow();
        Problem problem = problem(account, current, password, confirmation);
        if (problem != null) {
            response.setStatus(400);
            model.addAttribute("problem", problem);
            return form(authentication, model);
        }
        users.changePassword(account.username(), PasswordHashing.encoder().encode(password));
        // whoever else holds a session of this account (perhaps with the old password) is logged out
        HttpSession session = request.getSession(false);
        int ended = sessions.endAllBut(account.username(), session == null ? null : session.getId());
        redirect.addFlashAttribute("message", "Password changed." + (ended > 0 ? " Your " + ended + " other session(s) have been ended." : ""));
        return "redirect:/studies";
    }

    static Problem problem(UserAccount account, String current, String password, String confirmation)
    {
        if (!PasswordHashing.encoder().matches(current, account.passwordHash())) {
            return new Problem("current", "The current password is wrong.");
        }
        String weakness = PasswordRules.problem(account.username(), password);
        if (weakness != null) {
            return new Problem("password", weakness);
        }
        if (password.equals(current)) {
            return new Problem("password", "The new password must differ from the current one.");
        }
        if (!password.equals(confirmation)) {
            return new Problem("confirmation", "The two new passwords differ.");
        }
        return null;
    }
}

package org.casebook.web.account;

import org.casebook.error.CasebookException;
import org.casebook.store.study.Users;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admins' Users page: the accounts, a new account, disable or enable, reset a password. The API is {@link org.casebook.web.api.UserApi}. */
@Controller
public class UserAdministration
{
    private final Users users;
    private final Accounts accounts;

    public UserAdministration(Users users, Accounts accounts)
    {
        this.users = users;
        this.accounts = accounts;
    }

    @GetMapping("/admin/users")
    public String page(Model model)
    {
        model.addAttribute("accounts", users.accounts());
        return "users";
    }

    @PostMapping("/admin/users")
    public String add(@RequestParam String username, @RequestParam(defaultValue = "false") boolean admin, Authentication authentication,
            RedirectAttributes redirect)
    {
        try {
            Accounts.CreatedUser created = accounts.create(username, admin, authentication.getName());
            redirect.addFlashAttribute("message", "Created " + created.username() + ". One-time password (shown only now; to be changed at first login): "
                    + created.oneTimePassword());
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/disabled")
    public String disable(@PathVariable String username, @RequestParam boolean disabled, Authentication authentication, RedirectAttributes redirect)
    {
        try {
            accounts.setDisabled(username, disabled, authentication.getName());
            redirect.addFlashAttribute("message", (disabled ? "Disabled " : "Enabled ") + username + (disabled ? "; their sessions have ended." : "."));
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/password-reset")
    public String resetPassword(@PathVariable String username, Authentication authentication, RedirectAttributes redirect)
    {
        try {
            Accounts.ResetPassword reset = accounts.resetPassword(username, authentication.getName());
            redirect.addFlashAttribute("message", "Reset the password of " + username + "; their sessions have ended. One-time password (shown only "
                    + "now; to be changed at next login): " + reset.oneTimePassword());
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}

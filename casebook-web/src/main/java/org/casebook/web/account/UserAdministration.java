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

    static final int PER_PAGE = 50;

    /** The accounts, searched by name, filtered by status ({@code active}, {@code disabled}, {@code one-time}, {@code admin}), 50 a page. */
    @GetMapping("/admin/users")
    public String page(@RequestParam(required = false) String search, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") int page, Model model)
    {
        String wanted = search == null ? "" : search.strip().toLowerCase(java.util.Locale.ROOT);
        String shownStatus = status == null || status.isBlank() ? "all" : status;
        if (!java.util.List.of("all", "active", "disabled", "one-time", "admin").contains(shownStatus)) {
            throw org.casebook.error.CasebookException.badInput("status '%s': expected all, active, disabled, one-time or admin", status);
        }
        java.util.List<org.casebook.store.study.UserSummary> matching = users.accounts().stream()
                .filter(a -> wanted.isEmpty() || a.username().toLowerCase(java.util.Locale.ROOT).contains(wanted))
                .filter(a -> switch (shownStatus) {
                    case "active" -> !a.disabled() && !a.mustChangePassword();
                    case "disabled" -> a.disabled();
                    case "one-time" -> !a.disabled() && a.mustChangePassword();
                    case "admin" -> a.admin();
                    default -> true;
                })
                .toList();
        int pages = Math.max(1, (matching.size() + PER_PAGE - 1) / PER_PAGE);
        int shownPage = Math.min(Math.max(1, page), pages);
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("search", search);
        parameters.put("status", status);
        model.addAttribute("accounts", matching.subList((shownPage - 1) * PER_PAGE, Math.min(matching.size(), shownPage * PER_PAGE)));
        model.addAttribute("matching", matching.size());
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("status", shownStatus);
        model.addAttribute("pager", org.casebook.web.Pager.of("/admin/users", parameters, "page", shownPage, pages, matching.size()));
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

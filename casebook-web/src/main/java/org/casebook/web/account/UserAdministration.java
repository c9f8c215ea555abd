package org.casebook.web.account;

import java.util.List;

import org.casebook.error.CasebookException;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accounts, for site admins: the list of users and new accounts with a one-time password shown
 * once (the same as {@code casebook user add}). Page and API.
 */
@Controller
public class UserAdministration
{
    private final Users users;

    public UserAdministration(Users users)
    {
        this.users = users;
    }

    public record NewUser(String username, boolean admin) {}

    /** The one-time password, shown once; the new user must replace it at first login. */
    public record CreatedUser(String username, boolean admin, String oneTimePassword) {}

    @GetMapping("/admin/users")
    public String page(Model model)
    {
        model.addAttribute("usernames", users.usernames());
        return "users";
    }

    @PostMapping("/admin/users")
    public String add(@RequestParam String username, @RequestParam(defaultValue = "false") boolean admin, Authentication authentication,
            RedirectAttributes redirect)
    {
        try {
            CreatedUser created = create(new NewUser(username, admin), authentication);
            redirect.addFlashAttribute("message", "Created " + created.username() + ". One-time password (shown only now; to be changed at first login): "
                    + created.oneTimePassword());
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/api/users")
    @ResponseBody
    public List<String> list()
    {
        return users.usernames();
    }

    @PostMapping("/api/users")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedUser create(@RequestBody NewUser request, Authentication authentication)
    {
        String password = PasswordHashing.newOneTimePassword();
        users.addWithOneTimePassword(request.username() == null ? "" : request.username().strip(), PasswordHashing.encoder().encode(password),
                request.admin(), authentication.getName());
        return new CreatedUser(request.username().strip(), request.admin(), password);
    }
}

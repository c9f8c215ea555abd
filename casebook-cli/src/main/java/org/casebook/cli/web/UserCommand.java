package org.casebook.cli.web;

import java.time.Clock;
import java.util.concurrent.Callable;

import org.casebook.store.StudyDatabase;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code casebook user}: accounts of the web app. There are no default accounts. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage web app accounts.",
        subcommands = UserCommand.Add.class)
public final class UserCommand
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Site-wide role of a new account; study roles are given in the web app by an admin. */
    enum SiteRole
    {
        admin, user
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an account and print its one-time password (shown once, stored only as a bcrypt hash).",
            footer = {"", "Example:", "  casebook user add --role admin alice"})
    static final class Add
            implements Callable<Integer>
    {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--role", defaultValue = "user", description = "admin (users and studies) or user (default); study roles are given in the app.")
        SiteRole role;

        @Parameters(paramLabel = "NAME", description = "User name: 2–64 letters, digits, '.', '_' or '-'.")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            String password = PasswordHashing.newOneTimePassword();
            try (StudyDatabase store = StudyDatabase.open(database.jdbcUrl(), Clock.systemUTC())) {
                new Users(store).addWithOneTimePassword(name, PasswordHashing.encoder().encode(password), role == SiteRole.admin, "casebook user add");
            }
            var out = spec.commandLine().getOut();
            out.println("created " + role + " '" + name + "'; one-time password (shown only now; to be changed at first login):");
            out.println(password);
            out.flush();
            return 0;
        }
    }
}

package org.casebook.cli.web;

import java.time.Clock;
import java.util.concurrent.Callable;

import org.casebook.store.AuditChain;
import org.casebook.store.StudyDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code casebook audit}: checks on the web app's audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the web app's audit trail.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the audit trail's hash chain: exit 0 when intact, 1 naming the first row changed, removed or inserted past the app.",
            footer = {"", "Examples:", "  casebook audit verify --data /srv/casebook",
                    "  CASEBOOK_DB='jdbc:postgresql://dbhost/casebook?user=casebook&password=…' casebook audit verify"})
    static final class Verify
            implements Callable<Integer>
    {
        @Mixin
        DatabaseOptions database;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            try (StudyDatabase store = StudyDatabase.open(database.jdbcUrl(), Clock.systemUTC())) {
                AuditChain.Verification verification = AuditChain.verify(store);
                String before = verification.beforeChain() == 0 ? "" : " (" + verification.beforeChain() + " older rows from before the chain began)";
                if (verification.intact()) {
                    spec.commandLine().getOut().println("audit trail intact: " + verification.chained() + " rows chained" + before);
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                spec.commandLine().getErr().println("audit trail tampered: " + verification.problem().orElseThrow());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
    }
}

package org.casebook.cli.web;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.casebook.store.study.Users;
import org.casebook.web.CasebookWebApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casebook serve}: the study web app on this machine, until stopped (Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the study web app (cases, blinded CT reading, results) on an embedded SQLite database or on PostgreSQL.",
        footer = {"", "Examples:", "  casebook user add --role admin alice     # first start: prints a one-time password",
                "  casebook serve --data /srv/casebook --port 8080",
                "  CASEBOOK_DB='jdbc:postgresql://localhost/casebook?user=casebook&password=…' casebook serve"})
public final class ServeCommand
        implements Callable<Integer>
{
    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    int port;

    // this machine only unless asked: the app holds patient data and must sit behind TLS on a network
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only); 0.0.0.0 for every interface, behind a TLS-terminating reverse proxy.")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
            throws InterruptedException
    {
        String url = database.jdbcUrl();
        ConfigurableApplicationContext context = CasebookWebApplication.start(url, host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        String actualPort = context.getEnvironment().getProperty("local.server.port", Integer.toString(port));
        var out = spec.commandLine().getOut();
        out.println("casebook: serving on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort + "/ (listening on " + host
                + (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") ? ", this machine only" : "") + "; database "
                + DatabaseOptions.describe(url) + ")");
        if (context.getBean(Users.class).usernames().isEmpty()) {
            out.println("casebook: no users yet; create the first admin with: casebook user add --role admin NAME");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}

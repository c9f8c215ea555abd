package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CasebookCommandTest
{
    @ParameterizedTest
    @ValueSource(strings = {"demo", "analyze", "protocol"})
    void everySubcommandHasHelp(String subcommand)
    {
        CliRun run = CliRun.of(subcommand, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: casebook " + subcommand);
    }

    @Test
    void usageListsEverySubcommand()
    {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        for (String name : List.of("demo", "analyze", "report", "bench", "protocol", "redcap", "odm", "serve", "user", "audit", "screen", "synth", "help")) {
            assertThat(run.out()).containsPattern("(?m)^  " + name + " ");
        }
    }

    @Test
    void aCommandLineForOneSubcommandHoldsOnlyIt()
    {
        // the batch commands start without reading the web server's options (and its classes)
        assertThat(CasebookCommand.newCommandLine("demo", "--out", "x").getSubcommands()).containsOnlyKeys("demo");
        assertThat(CasebookCommand.newCommandLine("--version").getSubcommands()).isEmpty();
        assertThat(CasebookCommand.newCommandLine("--version", "demo").getSubcommands()).hasSize(13);
        assertThat(CasebookCommand.newCommandLine("--help").getSubcommands()).hasSize(13);
        assertThat(CasebookCommand.newCommandLine("help", "demo").getSubcommands()).hasSize(13);
        assertThat(CasebookCommand.newCommandLine().getSubcommands()).hasSize(13);
    }

    @Test
    void versionIsPrinted()
    {
        for (String option : List.of("--version", "-V")) {
            CliRun run = CliRun.of(option);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("casebook ").contains(CasebookVersion.current());
        }
    }

    @Test
    void helpNamesAnySubcommand()
    {
        CliRun run = CliRun.of("help", "report");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: casebook report");
    }

    @Test
    void aMistypedSubcommandIsBadInputWithSuggestions()
    {
        CliRun run = CliRun.of("reprot", "--out", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unmatched arguments").contains("report");
    }

    @Test
    void debugIsAnOptionOfTheSubcommandToo(@TempDir Path directory)
    {
        CliRun run = CliRun.of("protocol", "check", directory.resolve("missing.yaml").toString(), "--debug");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("Unknown option");
    }

    @Test
    void unknownOptionIsBadInput()
    {
        CliRun run = CliRun.of("analyze", "--cases", "x", "--bogus");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void missingProtocolIsBadInputWithAMessageNotAStackTrace()
    {
        CliRun run = CliRun.of("protocol", "check", "no-such-protocol.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("protocol file not found: no-such-protocol.yaml").doesNotContain("\tat ");
    }

    @Test
    void protocolMistakeNamesTheLineAndKey(@TempDir Path directory)
            throws Exception
    {
        assertThat(CliRun.of("protocol", "copy", "ae-ra-ild-jaki", directory.toString()).exitCode()).isZero();
        Path protocol = directory.resolve("protocol.yaml");
        Files.writeString(protocol, Files.readString(protocol).replace("followup_day: 90", "followup_day: ninety"));
        CliRun run = CliRun.of("protocol", "check", protocol.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsPattern("protocol.yaml line \\d+, key 'outcomes.followup_day': expected a whole number, found 'ninety'");
    }

    @Test
    void copiedProtocolChecksAndShows(@TempDir Path directory)
    {
        CliRun.of("protocol", "copy", "ae-ra-ild-jaki", directory.toString());
        assertThat(Files.exists(directory.resolve("codesets/jak-inhibitors.yaml"))).isTrue();
        CliRun check = CliRun.of("protocol", "check", directory.resolve("protocol.yaml").toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("time point    after    days 7 … 180");
        CliRun show = CliRun.of("protocol", "show", "ae-ra-ild-jaki");
        assertThat(show.out()).contains("id: ae-ra-ild-jaki").contains("window_days: {from: 0, to: 2}");
    }

    @Test
    void copyRefusesToOverwrite(@TempDir Path directory)
    {
        CliRun.of("protocol", "copy", "ae-ra-ild-jaki", directory.toString());
        CliRun again = CliRun.of("protocol", "copy", "ae-ra-ild-jaki", directory.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("exists; not overwriting it");
    }

    @Test
    void internalErrorsExitWith2AndHideTheTraceUnlessDebug()
    {
        ErrorReporter reporter = new ErrorReporter(args -> false);
        assertThat(reporter.getExitCode(new IllegalStateException("boom"))).isEqualTo(2);
        assertThat(reporter.getExitCode(org.casebook.error.CasebookException.badInput("x"))).isEqualTo(1);
    }
}

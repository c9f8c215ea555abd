package org.casebook.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.workbook.WorkbookWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code casebook protocol list|show|check|copy|workbook}: look at, validate and copy study protocols. */
@Command(name = "protocol", mixinStandardHelpOptions = true, description = "Show, check and copy study protocols.")
final class ProtocolCommand
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in protocols.")
    int list()
    {
        Protocols.builtInNames().forEach(name -> out().println(name + "  " + Protocols.builtIn(name).title()));
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a protocol file as written.")
    int show(@Parameters(paramLabel = "NAME|FILE", description = "A built-in protocol name or a protocol file.") String nameOrFile)
    {
        Protocols.load(nameOrFile); // validates, so a shown protocol is a usable one
        if (Protocols.builtInNames().contains(nameOrFile)) {
            out().print(Protocols.builtInFile(nameOrFile, "protocol.yaml").orElseThrow());
        }
        else {
            out().print(read(Path.of(nameOrFile)));
        }
        out().flush(); // print() does not flush the command line's writer; without this nothing appeared
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a protocol and its code sets, and summarize it.")
    int check(@Parameters(paramLabel = "NAME|FILE") String nameOrFile)
    {
        StudyProtocol protocol = Protocols.load(nameOrFile);
        out().println(protocol.id() + ": " + protocol.title());
        out().println("  study window  " + protocol.studyWindow().start() + " … " + protocol.studyWindow().end());
        // names padded to the longest, so a name of 9 letters or more ("admission") keeps its column apart from "days"
        int width = Math.max(8, protocol.timepoints().stream().mapToInt(timepoint -> timepoint.name().length()).max().orElse(0));
        for (TimePoint timepoint : protocol.timepoints()) {
            out().printf("  time point    %-" + width + "s days %d … %d%n", timepoint.name(), timepoint.fromDay(), timepoint.toDay());
        }
        out().println("  variables     " + protocol.variables().size());
        out().println("  code sets     " + String.join(", ", protocol.codeSets().keySet()));
        out().println("  CT score      " + protocol.ctScoring().system() + ", " + protocol.ctScoring().readers() + (protocol.ctScoring().readers() == 1 ? " reader" : " readers"));
        out().println("  sha256        " + protocol.sha256());
        return 0;
    }

    @Command(name = "workbook", mixinStandardHelpOptions = true,
            description = "Write an empty case workbook with the protocol's columns and an 'about' sheet describing each (an .xlsx file, or a folder of CSV files).")
    int workbook(@Parameters(paramLabel = "NAME|FILE", description = "A built-in protocol name or a protocol file.") String nameOrFile,
            @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "FILE.xlsx|DIR", description = "Where to write the workbook.") Path target)
    {
        StudyProtocol protocol = Protocols.load(nameOrFile);
        new WorkbookWriter(protocol.caseSchema()).writeTemplate(target);
        out().println("wrote " + target + ": the cases sheet has " + protocol.caseSchema().columns().size() + " columns; the 'about' sheet describes each");
        return 0;
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy a built-in protocol and its code sets into DIR, to edit and pass with --protocol DIR/protocol.yaml.")
    int copy(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "DIR") Path directory)
    {
        StudyProtocol protocol = Protocols.builtIn(name);
        write(directory.resolve("protocol.yaml"), Protocols.builtInFile(name, "protocol.yaml").orElseThrow());
        for (String codeSet : protocol.codeSets().keySet()) {
            String path = "codesets/" + codeSet + ".yaml";
            write(directory.resolve(path), Protocols.builtInFile(name, path).orElseThrow());
        }
        out().println("wrote " + directory.resolve("protocol.yaml") + " and " + protocol.codeSets().size() + " code sets");
        return 0;
    }

    private static String read(Path file)
    {
        return Protocols.readTextFile(file, "protocol file");
    }

    private static void write(Path file, String text)
    {
        try {
            if (Files.exists(file)) {
                throw new CasebookException(ErrorCode.BAD_INPUT, file + " exists; not overwriting it");
            }
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

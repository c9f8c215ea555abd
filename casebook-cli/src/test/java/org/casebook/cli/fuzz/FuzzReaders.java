package org.casebook.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.casebook.cli.CasebookCommand;
import org.casebook.cli.DemoWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The readers the fuzz tests drive through the command line, each with its seed input (the demo
 * workbook, the built-in protocol and its code sets, a small synthetic FHIR export), how one
 * case's input is made from the seed by {@link Mutator}, and what must hold for every input:
 * exit 0, or exit 1 with a message that names the input (and is free of control characters and
 * of overlong lines); never exit 2, never a hang, nothing printed by a library to the process's
 * stderr; a failed {@code screen} leaves no output folder; whatever {@code screen} writes,
 * {@code analyze} accepts.
 */
final class FuzzReaders
{
    /** The bound per input: a normal one takes well under a second. */
    static final Duration TIME_BOUND = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n]]");

    private FuzzReaders() {}

    /** One reader under test. */
    abstract static class Reader
    {
        final String name;

        Reader(String name)
        {
            this.name = name;
        }

        /** Writes this case's input into {@code input} (an empty folder). */
        abstract void write(Path seeds, Path input, Random random)
                throws IOException;

        /** Writes the unmutated seed input into {@code input}, on which a regression fixture's files are laid. */
        abstract void copySeed(Path seeds, Path input)
                throws IOException;

        /** Runs the command(s) on the input; {@code work} is an empty folder for outputs. */
        abstract Outcome check(Path seeds, Path input, Path work);

        @Override
        public String toString()
        {
            return name;
        }
    }

    /** What a case ended with: the exit code of the reading command. */
    record Outcome(int exitCode, String message)
    {
        static Outcome of(Run run)
        {
            return new Outcome(run.exitCode(), run.exitCode() == 0 ? "ok" : run.err().lines().findFirst().orElse(""));
        }
    }

    /** A command line run in-process, with what it printed and what reached the process's stderr. */
    record Run(String[] args, int exitCode, String out, String err, String processErr)
    {
        String describe()
        {
            return "casebook " + String.join(" ", args) + "\nexit " + exitCode + "\nerr: " + cut(err) + "\nprocess stderr: " + cut(processErr);
        }

        private static String cut(String text)
        {
            return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
        }
    }

    static Run run(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        PrintStream capture = new PrintStream(processErr, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            CommandLine commandLine = CasebookCommand.newCommandLine(args);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exitCode = assertTimeoutPreemptively(TIME_BOUND, () -> commandLine.execute(args), () -> "no answer within " + TIME_BOUND + ": casebook " + String.join(" ", args));
            return new Run(args, exitCode, out.toString(), err.toString(), processErr.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    /** Exit 0, or 1 naming one of {@code places}; never 2; clean messages; nothing on the process's stderr. */
    static Run expectHandled(Run run, String... places)
    {
        if (run.exitCode() != 0 && run.exitCode() != 1) {
            throw new AssertionError("not exit 0 or 1:\n" + run.describe());
        }
        if (!run.processErr().isEmpty()) {
            throw new AssertionError("a library printed to stderr:\n" + run.describe());
        }
        if (run.exitCode() == 1) {
            String err = run.err();
            if (!err.startsWith("casebook: ") || err.contains("internal error")) {
                throw new AssertionError("exit 1 without a casebook message:\n" + run.describe());
            }
            if (Stream.of(places).noneMatch(err::contains)) {
                throw new AssertionError("the message names none of " + List.of(places) + ":\n" + run.describe());
            }
            if (CONTROL.matcher(err.replace("\r\n", "\n")).find()) {
                throw new AssertionError("a control character in the message:\n" + run.describe().replace("\u001b", "<ESC>"));
            }
            if (err.lines().anyMatch(line -> line.length() > 2100)) {
                throw new AssertionError("a message line over 2100 characters:\n" + run.describe());
            }
        }
        return run;
    }

    static List<Reader> all()
    {
        return List.of(new CsvWorkbook(), new XlsxWorkbook(), new ProtocolFile(), new CodeSetFile(), new NdjsonExtract(false), new NdjsonExtract(true),
                new OdmFile(), new OmopTables());
    }

    /** The seed of the random numbers of one case: the same reader and case number give the same input. */
    static long seed(String reader, int index)
    {
        // SplitMix64's finalizer: java.util.Random's first values of nearby seeds are alike (one reader never drew --strict)
        long z = reader.hashCode() * 1_000_003L + index + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static Reader named(String name)
    {
        return all().stream().filter(reader -> reader.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(name));
    }

    /** Writes every reader's seed input into {@code seeds} (once per test class). */
    static void writeSeeds(Path seeds)
            throws IOException
    {
        Path cases = DemoWorkbook.unpackTo(seeds.resolve("cases"));
        new WorkbookWriter().writeXlsx(new WorkbookImporter(Protocols.builtIn(Protocols.SEED)).importFrom(cases).workbook(), seeds.resolve("cases.xlsx"));
        expectZero(run("protocol", "copy", Protocols.SEED, seeds.resolve("protocol").toString()));
        expectZero(run("odm", "export", "--protocol", Protocols.SEED, "--cases", cases.toString(), "--out", seeds.resolve("study.xml").toString()));
        expectZero(run("synth", "--patients", "40", "--seed", "7", "--out", seeds.resolve("extract").toString(), "--quiet"));
        expectZero(run("synth", "--patients", "40", "--seed", "7", "--gzip", "--out", seeds.resolve("extract-gz").toString(), "--quiet"));
        // the included patients' lines are the ones screening parses (most others are passed over unparsed): mutate them most
        List<String> included = Files.readAllLines(seeds.resolve("extract").resolve("expected").resolve("screening.csv")).stream()
                .filter(line -> line.contains(",included,"))
                .map(line -> line.split(",")[1])
                .toList();
        Files.write(seeds.resolve("included.txt"), included);
        for (Path folder : List.of(seeds.resolve("extract"), seeds.resolve("extract-gz"))) {
            deleteRecursively(folder.resolve("expected"));
        }
        expectZero(run("synth", "--protocol", OmopTables.PROTOCOL, "--patients", "60", "--seed", "7", "--format", "omop", "--out", seeds.resolve("omop").toString(), "--quiet"));
        deleteRecursively(seeds.resolve("omop").resolve("expected"));
    }

    private static void expectZero(Run run)
    {
        if (run.exitCode() != 0) {
            throw new AssertionError(run.describe());
        }
    }

    /** {@code casebook odm import} on a mutated ODM export of the demo workbook; a failed import leaves no output folder. */
    static final class OdmFile
            extends Reader
    {
        OdmFile()
        {
            super("odm");
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            Files.write(input.resolve("study.xml"), Mutator.mutate(Files.readAllBytes(seeds.resolve("study.xml")), random));
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            Files.copy(seeds.resolve("study.xml"), input.resolve("study.xml"));
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            Path out = work.resolve("cases");
            Run run = expectHandled(run("odm", "import", "--file", input.resolve("study.xml").toString(), "--protocol", Protocols.SEED, "--out", out.toString()),
                    "study.xml");
            if (run.exitCode() != 0 && Files.exists(out)) {
                throw new AssertionError("a failed import left " + out + ":\n" + run.describe());
            }
            if (run.exitCode() == 0) {
                expectHandled(run("analyze", "--cases", out.toString()), "cases");
            }
            return Outcome.of(run);
        }
    }

    /** {@code casebook analyze} on a mutated CSV folder. */
    static final class CsvWorkbook
            extends Reader
    {
        CsvWorkbook()
        {
            super("csv-workbook");
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            copySeed(seeds, input);
            mutateOneFile(input.resolve("fuzzbook"), random, file -> file.toString().endsWith(".csv"));
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            copyFolder(seeds.resolve("cases"), input.resolve("fuzzbook"));
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            return Outcome.of(expectHandled(run("analyze", "--cases", input.resolve("fuzzbook").toString()), "fuzzbook"));
        }
    }

    /** {@code casebook analyze} on a mutated .xlsx: an XML part edited (most), a part removed, or the zip's bytes edited. */
    static final class XlsxWorkbook
            extends Reader
    {
        XlsxWorkbook()
        {
            super("xlsx-workbook");
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            byte[] xlsx = Files.readAllBytes(seeds.resolve("cases.xlsx"));
            int kind = random.nextInt(20);
            byte[] mutated;
            if (kind == 0) {
                mutated = Mutator.mutate(xlsx, random);
            }
            else {
                Map<String, byte[]> entries = unzip(xlsx);
                List<String> names = new ArrayList<>(entries.keySet());
                String name = names.get(random.nextInt(names.size()));
                if (kind == 1) {
                    entries.remove(name);
                }
                else {
                    // sheets and shared strings hold the data: edit them most often
                    List<String> data = names.stream().filter(n -> n.contains("worksheets/sheet") || n.contains("sharedStrings")).toList();
                    if (kind > 5 && !data.isEmpty()) {
                        name = data.get(random.nextInt(data.size()));
                    }
                    entries.put(name, Mutator.mutate(entries.get(name), random));
                }
                mutated = zip(entries);
            }
            Files.write(input.resolve("fuzzbook.xlsx"), mutated);
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            Files.copy(seeds.resolve("cases.xlsx"), input.resolve("fuzzbook.xlsx"));
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            return Outcome.of(expectHandled(run("analyze", "--cases", input.resolve("fuzzbook.xlsx").toString()), "fuzzbook"));
        }
    }

    /** {@code casebook protocol check} on a mutated protocol file; when it passes, {@code analyze} of the demo workbook with it. */
    static final class ProtocolFile
            extends Reader
    {
        ProtocolFile()
        {
            super("protocol");
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            copySeed(seeds, input);
            Path file = input.resolve("fuzzproto").resolve("protocol.yaml");
            Files.write(file, Mutator.mutate(Files.readAllBytes(file), random));
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            copyFolder(seeds.resolve("protocol"), input.resolve("fuzzproto"));
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            String protocol = input.resolve("fuzzproto").resolve("protocol.yaml").toString();
            Run check = expectHandled(run("protocol", "check", protocol), "fuzzproto");
            if (check.exitCode() != 0) {
                return Outcome.of(check);
            }
            return Outcome.of(expectHandled(run("analyze", "--cases", seeds.resolve("cases").toString(), "--protocol", protocol), "fuzzproto", "cases"));
        }
    }

    /** {@code casebook protocol check} with one mutated code-set file; when it passes, {@code screen} of the small export with it. */
    static final class CodeSetFile
            extends Reader
    {
        CodeSetFile()
        {
            super("code-set");
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            copySeed(seeds, input);
            mutateOneFile(input.resolve("fuzzproto").resolve("codesets"), random, file -> file.toString().endsWith(".yaml"));
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            copyFolder(seeds.resolve("protocol"), input.resolve("fuzzproto"));
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            String protocol = input.resolve("fuzzproto").resolve("protocol.yaml").toString();
            Run check = expectHandled(run("protocol", "check", protocol), "fuzzproto", "codesets/");
            if (check.exitCode() != 0) {
                return Outcome.of(check);
            }
            return screenThenAnalyze(seeds.resolve("extract"), work, new String[] {"--protocol", protocol}, "fuzzproto", "codesets/");
        }
    }

    /** {@code casebook screen} (strict or not) on the small export with one mutated NDJSON file (or .gz), then {@code analyze} of what it wrote. */
    static final class NdjsonExtract
            extends Reader
    {
        private final boolean gzip;

        NdjsonExtract(boolean gzip)
        {
            super(gzip ? "ndjson-gz" : "ndjson");
            this.gzip = gzip;
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            copySeed(seeds, input);
            Path folder = input.resolve("fuzzextract");
            if (random.nextInt(4) == 0) {
                Files.writeString(input.resolve("strict"), "");
            }
            List<Path> files = list(folder, file -> true);
            Path file = files.get(random.nextInt(files.size()));
            List<String> included = Files.readAllLines(seeds.resolve("included.txt"));
            if (gzip && random.nextInt(10) == 0) {
                Files.write(file, Mutator.mutate(Files.readAllBytes(file), random));
                return;
            }
            byte[] text;
            try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                text = in.readAllBytes();
            }
            byte[] mutated = random.nextInt(4) == 0 ? Mutator.mutate(text, random) : mutateIncludedLine(text, included, random);
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
                out.write(mutated);
            }
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            copyFolder(seeds.resolve(gzip ? "extract-gz" : "extract"), input.resolve("fuzzextract"));
        }

        /** Mutates one line of an included patient, as bytes (the whole file when it has none). */
        private static byte[] mutateIncludedLine(byte[] text, List<String> included, Random random)
        {
            return mutateOneLine(text, (start, line) -> included.stream().anyMatch(id -> line.contains("Patient/" + id + "\"") || line.contains("\"id\":\"" + id + "\"")), random);
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            String[] strict = Files.exists(input.resolve("strict")) ? new String[] {"--strict"} : new String[0];
            return screenThenAnalyze(input.resolve("fuzzextract"), work, strict, "fuzzextract", ".ndjson");
        }
    }

    /** {@code casebook screen --omop} (strict or not) on a small synthetic hospital's OMOP tables with one table file mutated, then {@code analyze}. */
    static final class OmopTables
            extends Reader
    {
        static final String PROTOCOL = "dm-ild-tofacitinib";

        OmopTables()
        {
            super("omop");
        }

        @Override
        void write(Path seeds, Path input, Random random)
                throws IOException
        {
            copySeed(seeds, input);
            if (random.nextInt(4) == 0) {
                Files.writeString(input.resolve("strict"), "");
            }
            Path folder = input.resolve("fuzzomop");
            List<Path> files = list(folder, file -> file.toString().endsWith(".csv"));
            Path file = files.get(random.nextInt(files.size()));
            byte[] text = Files.readAllBytes(file);
            Files.write(file, random.nextInt(3) == 0 ? Mutator.mutate(text, random) : mutateOneRow(text, random));
        }

        /** Mutates one row (never the header) as bytes. */
        private static byte[] mutateOneRow(byte[] text, Random random)
        {
            return mutateOneLine(text, (start, line) -> start > 0 && !line.isEmpty(), random);
        }

        @Override
        void copySeed(Path seeds, Path input)
                throws IOException
        {
            copyFolder(seeds.resolve("omop"), input.resolve("fuzzomop"));
        }

        @Override
        Outcome check(Path seeds, Path input, Path work)
        {
            List<String> options = new ArrayList<>(List.of("--protocol", PROTOCOL));
            if (Files.exists(input.resolve("strict"))) {
                options.add("--strict");
            }
            return screenThenAnalyze("--omop", input.resolve("fuzzomop"), work, options.toArray(String[]::new), new String[] {"--protocol", PROTOCOL}, "fuzzomop", ".csv");
        }
    }

    /** Mutates one line that {@code pick} (its start offset, its text) accepts, as bytes; the whole text when none is accepted. */
    static byte[] mutateOneLine(byte[] text, java.util.function.BiPredicate<Integer, String> pick, Random random)
    {
        List<int[]> candidates = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                if (pick.test(start, new String(text, start, i - start, StandardCharsets.UTF_8))) {
                    candidates.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        if (candidates.isEmpty()) {
            return Mutator.mutate(text, random);
        }
        int[] line = candidates.get(random.nextInt(candidates.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 64);
        out.write(text, 0, line[0]);
        out.writeBytes(Mutator.mutate(java.util.Arrays.copyOfRange(text, line[0], line[1]), random));
        out.write(text, line[1], text.length - line[1]);
        return out.toByteArray();
    }

    /** Screens into {@code work/out}: exit 1 leaves no output folder; exit 0 writes a case workbook that {@code analyze} accepts. */
    static Outcome screenThenAnalyze(Path extract, Path work, String[] options, String... places)
    {
        return screenThenAnalyze("--extract", extract, work, options, new String[0], places);
    }

    /** As above, the input given with {@code sourceOption} ({@code --extract} or {@code --omop}), {@code analyzeOptions} added to analyze's. */
    static Outcome screenThenAnalyze(String sourceOption, Path extract, Path work, String[] options, String[] analyzeOptions, String... places)
    {
        Path out = work.resolve("out");
        List<String> args = new ArrayList<>(List.of("screen", sourceOption, extract.toString(), "--out", out.toString(), "--quiet"));
        args.addAll(List.of(options));
        Run screen = expectHandled(run(args.toArray(String[]::new)), places);
        List<Path> left = list(work, path -> true);
        if (screen.exitCode() != 0) {
            if (!left.isEmpty()) {
                throw new AssertionError("a failed screen left " + left + "\n" + screen.describe());
            }
            return Outcome.of(screen);
        }
        if (!left.equals(List.of(out))) {
            throw new AssertionError("screen left " + left + "\n" + screen.describe());
        }
        List<String> analyzeArgs = new ArrayList<>(List.of("analyze", "--cases", out.resolve("cases").toString()));
        analyzeArgs.addAll(List.of(analyzeOptions));
        Run analyze = run(analyzeArgs.toArray(String[]::new));
        if (analyze.exitCode() != 0) {
            throw new AssertionError("analyze refuses what screen wrote:\n" + analyze.describe() + "\n(screen: " + screen.describe() + ")");
        }
        return new Outcome(0, "ok (" + screen.out().lines().filter(line -> line.startsWith("included:") || line.startsWith("lines skipped:")).toList() + ")");
    }

    static Path copyFolder(Path from, Path to)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private static void mutateOneFile(Path folder, Random random, java.util.function.Predicate<Path> filter)
            throws IOException
    {
        List<Path> files = list(folder, filter);
        Path file = files.get(random.nextInt(files.size()));
        Files.write(file, Mutator.mutate(Files.readAllBytes(file), random));
    }

    static List<Path> list(Path folder, java.util.function.Predicate<Path> filter)
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(filter).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip)
            throws IOException
    {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static void deleteRecursively(Path folder)
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

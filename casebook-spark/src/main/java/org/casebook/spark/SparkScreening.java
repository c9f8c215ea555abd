package org.casebook.spark;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.io.OutputFolder;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.generic.FileReading;
import org.casebook.screening.generic.GenericCase;
import org.casebook.screening.generic.GenericDecision;
import org.casebook.screening.generic.GenericExtractReader;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.RecordMatcher;
import org.casebook.screening.generic.RecordSource;
import org.casebook.screening.omop.OmopSource;
import scala.Tuple2;

import static java.util.Objects.requireNonNull;

/**
 * The generic engine's screening of a FHIR bulk export, run on Spark (docs/spark.md, "How it
 * runs"). The local reader's steps become Spark jobs, one task per file or byte range of a large
 * file: the Medication files (their drugs broadcast to every task), the index event's files (the
 * possible candidates, broadcast), the files of the types the criteria look at, then, for the
 * patients those records include, the files of the other types; each patient's parts are grouped
 * on the cluster by patient id, merged in the local reader's file order, and decided (and, when
 * included, extracted) in the executors by the same {@link GenericScreening} rules. The driver
 * collects the candidates, counts and skipped lines, and writes the outputs with the local
 * engine's writers, atomically. Every merge follows the file, range and line order, never the
 * order tasks finish in, so the output does not depend on partitioning. A folder of OMOP CDM
 * tables is read in tasks too ({@link OmopOnSpark}); any other input format (an OMOP database) is
 * read on the driver by its {@link RecordSource}, and only its patients' decisions run in tasks.
 */
public final class SparkScreening
{
    /** Each executor's rules, built once per protocol from its texts. */
    private static final Map<ProtocolText, Rules> RULES = new ConcurrentHashMap<>();

    private final SparkSession session;
    private final JavaSparkContext spark;
    private final ProtocolText protocol;
    private final boolean strict;
    private final int patientPartitions;
    private final long splitBytes;

    /** What a task needs of the protocol: the screening, what to keep of the records, what may make a candidate. */
    record Rules(GenericScreening screening, java.util.function.Predicate<GenericRecord> keep, GenericExtractReader.Candidates candidates) {}

    /** A candidate's decision and, when included, case: what a task sends back. */
    private record Decided(GenericDecision decision, GenericCase extracted)
            implements java.io.Serializable {}

    /**
     * @param patientPartitions how many partitions the patients are grouped into; 0 for Spark's default parallelism
     */
    public SparkScreening(SparkSession spark, ProtocolText protocol, boolean strict, int patientPartitions)
    {
        // Files are cut into tasks as Spark SQL cuts them (default 128 MiB).
        this.splitBytes = JavaUtils.byteStringAsBytes(spark.conf().get("spark.sql.files.maxPartitionBytes", "128m"));
        this.session = requireNonNull(spark, "spark is null");
        this.spark = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.strict = strict;
        this.patientPartitions = patientPartitions;
    }

    /** The protocol's rules in this JVM (strictness is the reading's: {@link FileReading} is told it). */
    static Rules rules(ProtocolText protocol)
    {
        return RULES.computeIfAbsent(protocol, key -> {
            GenericScreening screening = key.screening(false);
            // With the rules' decision: the types no criterion looks at are read for the included patients only, as the local reader reads them.
            return new Rules(screening, screening.keep(), GenericExtractReader.Candidates.of(screening.protocol(), patient -> screening.decide(patient).isIncluded()));
        });
    }

    /**
     * Screens the export into {@code out}, written atomically (a failed job leaves no {@code out}).
     *
     * @throws CasebookException when {@code out} exists and is not empty, the export is unreadable, or (strict) a line is unusable
     */
    public GenericScreening.Result screen(Path extract, Path out)
            throws IOException
    {
        return screen(extract.toAbsolutePath().toUri().toString(), out);
    }

    /**
     * Screens the export at {@code extract}, a folder on any Hadoop file system: a path or a
     * {@code file:}, {@code hdfs://} or {@code s3a://} URI (a path without a scheme is on the
     * default file system, {@code fs.defaultFS}), into {@code out} on this machine, written atomically.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the export is unreadable, or (strict) a line is unusable
     */
    public GenericScreening.Result screen(String extract, Path out)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out)) {
            GenericScreening.Result result = run(extract, folder.temporary());
            folder.commit();
            return result;
        }
    }

    /**
     * Screens the OMOP CDM tables in the folder at {@code location} (a path or a {@code file:},
     * {@code hdfs://} or {@code s3a://} URI: CSV or Parquet table files) into {@code out}, written
     * atomically: the vocabulary tables read on the driver, every other table in tasks.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the folder is missing or a .zip, or (strict) a row is unusable
     */
    public GenericScreening.Result screenOmop(String location, Path out)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out)) {
            GenericScreening.Result result = runOmop(location, folder.temporary());
            folder.commit();
            return result;
        }
    }

    private GenericScreening.Result runOmop(String location, Path temporary)
            throws IOException
    {
        GenericScreening screening = rules(protocol).screening();
        OmopOnSpark omop = new OmopOnSpark(session, splitBytes, strict);
        Broadcast<SerializableConfiguration> hadoop = SerializableConfiguration.broadcast(spark.sc());
        GenericScreening.Result result;
        try (Writer skipped = Files.newBufferedWriter(temporary.resolve("skipped.csv"), StandardCharsets.UTF_8)) {
            OmopOnSpark.Reading reading = omop.read(location, protocol, skipped, hadoop);
            try {
                omop.finish(reading, skipped);
                ProtocolText text = protocol;
                List<Decided> decided = collect(omop.patients(reading, patientPartitions).flatMap(patient -> decided(text, patient).iterator()));
                result = result(screening, decided, reading.flow());
            }
            finally {
                reading.unpersist();
            }
        }
        finally {
            hadoop.destroy();
        }
        screening.write(result, temporary);
        return result;
    }

    /**
     * Screens any input format into {@code out}. A folder of OMOP CDM tables ({@link OmopSource})
     * is read in Spark tasks ({@link #screenOmop}); any other source (an OMOP database over JDBC)
     * is read here, on the driver, as the local engine reads it, and its patients are decided and
     * extracted in Spark tasks.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the source is unreadable, or (strict) a row is unusable
     */
    public GenericScreening.Result screen(RecordSource source, Path out)
            throws IOException
    {
        if (source instanceof OmopSource tables) {
            return screenOmop(tables.location().toAbsolutePath().toUri().toString(), out);
        }
        try (OutputFolder folder = OutputFolder.begin(out)) {
            GenericScreening screening = rules(protocol).screening();
            GenericFlow flow = new GenericFlow();
            Map<String, GenericPatient> patients;
            try (Writer skipped = Files.newBufferedWriter(folder.temporary().resolve("skipped.csv"), StandardCharsets.UTF_8)) {
                patients = source.read(strict, skipped, flow, screening.keep(), screening.protocol());
            }
            ProtocolText text = protocol;
            int partitions = patientPartitions > 0 ? patientPartitions : spark.defaultParallelism();
            List<Decided> decided = collect(spark.parallelize(new ArrayList<>(patients.values()), Math.max(1, partitions))
                    .flatMap(patient -> decided(text, patient).iterator()));
            GenericScreening.Result result = result(screening, decided, flow);
            screening.write(result, folder.temporary());
            folder.commit();
            return result;
        }
    }

    private static GenericScreening.Result result(GenericScreening screening, List<Decided> decided, GenericFlow flow)
    {
        Map<String, GenericCase> cases = new HashMap<>();
        decided.stream().filter(one -> one.extracted() != null).forEach(one -> cases.put(one.decision().patientId(), one.extracted()));
        return screening.result(decided.stream().map(Decided::decision).toList(), cases, flow);
    }

    private GenericScreening.Result run(String extract, Path temporary)
            throws IOException
    {
        Broadcast<SerializableConfiguration> hadoop = SerializableConfiguration.broadcast(spark.sc());
        try {
            return run(numbered(ExportFile.list(extract, spark.hadoopConfiguration(), splitBytes), hadoop), hadoop, temporary);
        }
        finally {
            hadoop.destroy();
        }
    }

    private GenericScreening.Result run(List<ExportFile> files, Broadcast<SerializableConfiguration> hadoop, Path temporary)
            throws IOException
    {
        GenericScreening screening = rules(protocol).screening();
        GenericExtractReader.Candidates staged = rules(protocol).candidates();
        List<ExportFile> medicationFiles = files.stream().filter(file -> file.typeName().equals("Medication")).toList();
        List<ExportFile> others = files.stream().filter(file -> !file.typeName().equals("Medication")).toList();
        List<ExportFile> indexFiles = others.stream().filter(file -> staged.types().contains(file.typeName())).toList();
        // The local reader's last step: the types no criterion looks at, read once the included patients are known.
        List<ExportFile> later = others.stream().filter(file -> staged.forIncludedOnly(file.typeName())).toList();
        List<ExportFile> first = others.stream().filter(file -> !staged.forIncludedOnly(file.typeName())).toList();
        ProtocolText text = protocol;
        boolean strictly = strict;
        Map<Integer, List<FileReading.Part>> partsByFile = new TreeMap<>();

        List<FileReading.Part> medicationParts = collect(tasks(medicationFiles)
                .map(file -> FileReading.medications(file.open(hadoop.value().value()), strictly, rules(text).keep())));
        Map<String, Concept> medications = new HashMap<>();
        for (int index = 0; index < medicationFiles.size(); index++) {
            medications.putAll(medicationParts.get(index).medications());
            partsByFile.computeIfAbsent(medicationFiles.get(index).order(), key -> new ArrayList<>()).add(medicationParts.get(index));
        }
        Broadcast<Map<String, Concept>> drugs = spark.broadcast(medications);

        List<FileReading.Part> indexParts = collect(tasks(indexFiles)
                .map(file -> FileReading.index(file.open(hadoop.value().value()), strictly, rules(text).candidates(), drugs.value(), rules(text).keep())));
        Set<String> possible = new HashSet<>();
        for (int index = 0; index < indexFiles.size(); index++) {
            possible.addAll(indexParts.get(index).mayBeCandidates());
            partsByFile.computeIfAbsent(indexFiles.get(index).order(), key -> new ArrayList<>()).add(indexParts.get(index));
        }
        Broadcast<Set<String>> candidates = spark.broadcast(possible);
        JavaPairRDD<Integer, FileReading.Part> firstRead = readRest(first, hadoop, candidates, drugs);
        Broadcast<Set<String>> included = spark.broadcast(later.isEmpty() ? Set.of() : included(firstRead, candidates));
        JavaPairRDD<Integer, FileReading.Part> laterRead = readRest(later, hadoop, included, drugs);
        JavaPairRDD<Integer, FileReading.Part> read = firstRead.union(laterRead);
        try {
            // Counts and skipped lines of every file, without its patients.
            for (Tuple2<Integer, FileReading.Part> part : collect(read.mapValues(
                    part -> new FileReading.Part(part.counts(), part.skippedRows(), Map.of(), Set.of(), Map.of())))) {
                partsByFile.computeIfAbsent(part._1(), key -> new ArrayList<>()).add(part._2());
            }
            List<Decided> decided = collect(patients(read, candidates).flatMap(patient -> decided(text, patient).iterator()));
            GenericFlow flow = new GenericFlow();
            writeSkipped(partsByFile, flow, temporary);
            FileReading.finish(flow);
            GenericScreening.Result result = result(screening, decided, flow);
            screening.write(result, temporary);
            return result;
        }
        finally {
            firstRead.unpersist(false);
            laterRead.unpersist(false);
            drugs.destroy();
            candidates.destroy();
            included.destroy();
        }
    }

    /** Reads files for the patients named (the possible candidates, or the included), each file's part kept for the jobs that follow. */
    private JavaPairRDD<Integer, FileReading.Part> readRest(List<ExportFile> files, Broadcast<SerializableConfiguration> hadoop, Broadcast<Set<String>> patients,
            Broadcast<Map<String, Concept>> drugs)
    {
        ProtocolText text = protocol;
        boolean strictly = strict;
        return tasks(files)
                .mapToPair(file -> new Tuple2<>(file.order(), FileReading.rest(file.open(hadoop.value().value()), strictly, rules(text).candidates(),
                        patients.value(), drugs.value(), rules(text).keep())))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The possible candidates the rules include, judged on the records of the types the criteria look at (all the first reading holds). */
    private Set<String> included(JavaPairRDD<Integer, FileReading.Part> firstRead, Broadcast<Set<String>> candidates)
    {
        ProtocolText text = protocol;
        return new HashSet<>(collect(patients(firstRead, candidates)
                .flatMap(patient -> (rules(text).candidates().included().test(patient) ? List.of(patient.patientId()) : List.<String>of()).iterator())));
    }

    /** Every file's counts into {@code flow} and its skipped lines into skipped.csv, in the local reader's file order. */
    private static void writeSkipped(Map<Integer, List<FileReading.Part>> partsByFile, GenericFlow flow, Path temporary)
            throws IOException
    {
        try (Writer skipped = Files.newBufferedWriter(temporary.resolve("skipped.csv"), StandardCharsets.UTF_8)) {
            skipped.write("file,line,reason,detail\n");
            for (List<FileReading.Part> parts : partsByFile.values()) {
                TreeMap<Long, String> rows = new TreeMap<>();
                for (FileReading.Part part : parts) {
                    FileReading.countInto(part, flow);
                    rows.putAll(part.skippedRows());
                }
                for (String row : rows.values()) {
                    skipped.write(row);
                }
            }
        }
    }

    /**
     * The ranges with the newlines before each (a file's ranges after the first start their line
     * numbers there), counted in one task per range of the files that are split.
     */
    private List<ExportFile> numbered(List<ExportFile> files, Broadcast<SerializableConfiguration> hadoop)
    {
        List<ExportFile> split = files.stream().filter(file -> !file.isWhole()).toList();
        if (split.isEmpty()) {
            return files;
        }
        List<Long> newlines = collect(tasks(split).map(range -> range.countNewlines(hadoop.value().value())));
        Map<Integer, Long> before = new HashMap<>();
        String file = null;
        long total = 0;
        for (int index = 0; index < split.size(); index++) {
            ExportFile range = split.get(index);
            if (!range.uri().equals(file)) {
                file = range.uri();
                total = 0;
            }
            before.put(range.order(), total);
            total += newlines.get(index);
        }
        return files.stream().map(range -> before.containsKey(range.order()) ? range.withNewlinesBefore(before.get(range.order())) : range).toList();
    }

    /**
     * Each possible candidate with its parts grouped by patient and merged in file order; a
     * patient is one when some file holds a kept record or its Patient resource, as in the local reader.
     */
    private JavaRDD<GenericPatient> patients(JavaPairRDD<Integer, FileReading.Part> read, Broadcast<Set<String>> candidates)
    {
        JavaPairRDD<String, Tuple2<Integer, FileReading.PatientPart>> parts = read.flatMapToPair(file -> {
            Set<String> possible = candidates.value();
            List<Tuple2<String, Tuple2<Integer, FileReading.PatientPart>>> out = new ArrayList<>();
            file._2().patients().forEach((patientId, part) -> {
                if (possible.contains(patientId)) {
                    out.add(new Tuple2<>(patientId, new Tuple2<>(file._1(), part)));
                }
            });
            return out.iterator();
        });
        JavaPairRDD<String, Iterable<Tuple2<Integer, FileReading.PatientPart>>> grouped = patientPartitions > 0
                ? parts.groupByKey(patientPartitions) : parts.groupByKey();
        return grouped.flatMap(patient -> {
            List<Tuple2<Integer, FileReading.PatientPart>> inOrder = new ArrayList<>();
            patient._2().forEach(inOrder::add);
            // Stable: a file's two readings (index files) never both hold a patient's part.
            inOrder.sort(Comparator.comparing(Tuple2::_1));
            List<FileReading.PatientPart> ordered = inOrder.stream().map(Tuple2::_2).toList();
            if (ordered.stream().allMatch(part -> part.records().isEmpty() && part.patientSource() == null)) {
                return List.<GenericPatient>of().iterator();
            }
            return List.of(FileReading.patient(patient._1(), ordered)).iterator();
        });
    }

    /** A patient's decision, and case when included, by the protocol's rules in this JVM; nothing for a patient who is no candidate. */
    private static List<Decided> decided(ProtocolText protocol, GenericPatient patient)
    {
        GenericScreening screening = rules(protocol).screening();
        GenericDecision decision = screening.decide(patient);
        if (!decision.isCandidate()) {
            return List.of();
        }
        GenericCase extracted = decision.isIncluded() ? screening.extract(patient, decision) : null;
        return List.of(new Decided(withoutMatches(decision), extracted));
    }

    /**
     * The decision without the code-set entries its records matched, which the outputs do not
     * use and which are not serializable (they hold the compiled code sets).
     */
    private static GenericDecision withoutMatches(GenericDecision decision)
    {
        RecordMatcher.Hit index = decision.index() == null ? null : new RecordMatcher.Hit(decision.index().record(), null, decision.index().evidence());
        return new GenericDecision(decision.patientId(), decision.status(), index, decision.stay(), decision.failedCriterion(), decision.criteriaMet(),
                decision.evidence(), Map.of(), Map.of(), decision.dayZero());
    }

    /** One task per file or range of a file. */
    private JavaRDD<ExportFile> tasks(List<ExportFile> files)
    {
        return spark.parallelize(files, Math.max(1, files.size()));
    }

    /** Collects a job's results; a task's CasebookException (a strict run's bad line, an unreadable file) is rethrown as itself. */
    static <T> List<T> collect(JavaRDD<T> rdd)
    {
        try {
            return rdd.collect();
        }
        catch (Exception e) {
            // Spark throws its (checked) SparkException from Scala, undeclared.
            throw unwrap(e);
        }
    }

    private static <K, V> List<Tuple2<K, V>> collect(JavaPairRDD<K, V> rdd)
    {
        try {
            return rdd.collect();
        }
        catch (Exception e) {
            // Spark throws its (checked) SparkException from Scala, undeclared.
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Exception e)
    {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CasebookException casebook) {
                return new CasebookException(casebook.errorCode(), casebook.getMessage(), e);
            }
        }
        if (e instanceof SparkException) {
            return new CasebookException(ErrorCode.INTERNAL, "the Spark job failed: " + firstLine(e.getMessage()), e);
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

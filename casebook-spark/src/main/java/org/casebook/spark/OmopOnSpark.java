package org.casebook.spark;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.omop.OmopDictionary;
import org.casebook.screening.omop.OmopTable;
import org.casebook.screening.omop.OmopTableReading;
import org.casebook.screening.omop.OmopTableReading.Facts;
import org.casebook.screening.omop.OmopTableReading.Part;
import scala.Tuple2;

/**
 * OMOP CDM tables read in Spark tasks (docs/spark.md, "OMOP CDM tables"): the vocabulary tables
 * on the driver, as every task needs what they say; every other table in tasks, a CSV file whole
 * or cut at line ends into ranges, a Parquet file as Spark's reader cuts it; each patient's facts
 * grouped by person_id across the cluster and put in the local reader's order (table, then line).
 */
final class OmopOnSpark
{
    private final SparkSession session;
    private final JavaSparkContext spark;
    private final long splitBytes;
    private final boolean strict;

    OmopOnSpark(SparkSession session, long splitBytes, boolean strict)
    {
        this.session = session;
        this.spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        this.splitBytes = splitBytes;
        this.strict = strict;
    }

    /** What the tables gave: every part's reading (kept for the jobs that follow), and the counts and skipped rows so far. */
    record Reading(JavaRDD<Part> parts, GenericFlow flow)
    {
        void unpersist()
        {
            parts.unpersist(false);
        }
    }

    /**
     * Reads the vocabulary (writing skipped.csv's header and its rows into {@code skipped}), then
     * starts the reading of every other table in tasks.
     */
    Reading read(String location, ProtocolText protocol, Writer skipped, Broadcast<SerializableConfiguration> hadoop)
            throws IOException
    {
        Map<String, OmopFile> files = OmopFile.list(location, spark.hadoopConfiguration());
        Map<String, OmopTable> tables = new LinkedHashMap<>();
        for (OmopFile file : files.values()) {
            if (OmopTableReading.isVocabulary(file.table())) {
                tables.put(file.table(), file.isParquet() ? ParquetRows.inOrder(session, file) : file.header(spark.hadoopConfiguration()));
            }
            else {
                tables.put(file.table(), new Named(file));
            }
        }
        GenericFlow flow = new GenericFlow();
        OmopDictionary read = OmopTableReading.vocabulary(tables, location, SparkScreening.rules(protocol).screening().protocol(), strict, skipped, flow);
        Broadcast<OmopDictionary> dictionary = spark.broadcast(read);
        List<OmopFile> others = files.values().stream().filter(file -> !OmopTableReading.isVocabulary(file.table())).toList();
        List<JavaRDD<Part>> parts = new ArrayList<>();
        List<OmopFile> csv = ranges(others.stream().filter(file -> !file.isParquet()).toList(), hadoop);
        if (!csv.isEmpty()) {
            parts.add(csvParts(csv, protocol, dictionary, hadoop));
        }
        List<OmopFile> parquet = others.stream().filter(OmopFile::isParquet).toList();
        for (OmopFile file : parquet.stream().filter(file -> OmopTableReading.namesPatients(file.table())).toList()) {
            parts.add(parquetParts(file, protocol, dictionary));
        }
        List<OmopFile> unused = parquet.stream().filter(file -> !OmopTableReading.namesPatients(file.table())).toList();
        if (!unused.isEmpty()) {
            parts.add(unusedParquetParts(unused, hadoop));
        }
        JavaRDD<Part> all = parts.isEmpty() ? spark.emptyRDD() : parts.size() == 1 ? parts.get(0) : spark.union(parts.toArray(JavaRDD[]::new));
        return new Reading(all.persist(StorageLevel.MEMORY_AND_DISK()), flow);
    }

    /**
     * Every part's counts into the flow and skipped rows into skipped.csv, in the local reader's
     * table order and by line within a table; and the VISIT_DETAIL rows naming a visit no
     * VISIT_OCCURRENCE row holds, found by a join across the cluster.
     */
    void finish(Reading reading, Writer skipped)
            throws IOException
    {
        Map<Integer, TreeMap<Long, String>> rowsByTable = new TreeMap<>();
        for (Part part : SparkScreening.collect(reading.parts().map(Part::withoutPatients))) {
            reading.flow().addReadingCounts(part.counts());
            rowsByTable.computeIfAbsent(OmopTableReading.order(part.table()), key -> new TreeMap<>()).putAll(part.skippedRows());
        }
        for (TreeMap<Long, String> rows : rowsByTable.values()) {
            for (String row : rows.values()) {
                skipped.write(row);
            }
        }
        JavaPairRDD<String, Long> visits = reading.parts().flatMapToPair(part -> part.visits().stream().map(visit -> new Tuple2<>(visit, 0L)).iterator());
        JavaPairRDD<String, Long> references = reading.parts()
                .flatMapToPair(part -> part.visitReferences().entrySet().stream().map(entry -> new Tuple2<>(entry.getKey(), entry.getValue())).iterator());
        long missing = SparkScreening.collect(references.subtractByKey(visits).values()).stream().mapToLong(Long::longValue).sum();
        OmopTableReading.countMissingVisits(missing, reading.flow());
    }

    /** Each patient with its facts from every part, grouped by person_id ({@code partitions}: 0 for Spark's default). */
    JavaRDD<GenericPatient> patients(Reading reading, int partitions)
    {
        JavaPairRDD<String, Facts> facts = reading.parts()
                .flatMapToPair(part -> part.patients().entrySet().stream().map(entry -> new Tuple2<>(entry.getKey(), entry.getValue())).iterator());
        JavaPairRDD<String, Iterable<Facts>> grouped = partitions > 0 ? facts.groupByKey(partitions) : facts.groupByKey();
        return grouped.flatMap(patient -> {
            GenericPatient read = OmopTableReading.patient(patient._1(), patient._2());
            return (read == null ? List.<GenericPatient>of() : List.of(read)).iterator();
        });
    }

    /**
     * The CSV files, each cut into ranges when larger than the split size and every line of it is
     * a row (a scan in one task per range counts the newlines, which number the ranges' lines, and
     * looks for quotes and lone carriage returns); else whole.
     */
    private List<OmopFile> ranges(List<OmopFile> files, Broadcast<SerializableConfiguration> hadoop)
    {
        List<OmopFile> cut = files.stream().filter(file -> file.size() > splitBytes).flatMap(file -> file.ranges(splitBytes).stream()).toList();
        List<FileRange.Scan> scans = cut.isEmpty() ? List.of()
                : SparkScreening.collect(spark.parallelize(cut, cut.size()).map(range -> range.scan(hadoop.value().value())));
        Map<String, List<OmopFile>> rangesByFile = new LinkedHashMap<>();
        Map<String, Boolean> quote = new LinkedHashMap<>();
        Map<String, Boolean> loneReturn = new LinkedHashMap<>();
        for (int index = 0; index < cut.size(); index++) {
            OmopFile range = cut.get(index);
            FileRange.Scan scan = scans.get(index);
            List<OmopFile> ranges = rangesByFile.computeIfAbsent(range.uri(), key -> new ArrayList<>());
            long before = ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1).newlinesBefore() + scans.get(index - 1).newlines();
            ranges.add(range.withNewlinesBefore(before));
            quote.merge(range.uri(), scan.quote(), Boolean::logicalOr);
            loneReturn.merge(range.uri(), scan.loneReturn(), Boolean::logicalOr);
        }
        List<OmopFile> tasks = new ArrayList<>();
        for (OmopFile file : files) {
            List<OmopFile> ranges = rangesByFile.get(file.uri());
            boolean mayBeCut = ranges != null && file.header(spark.hadoopConfiguration()).mayBeCut(quote.get(file.uri()), loneReturn.get(file.uri()));
            tasks.addAll(mayBeCut ? ranges : List.of(file));
        }
        return tasks;
    }

    private JavaRDD<Part> csvParts(List<OmopFile> ranges, ProtocolText protocol, Broadcast<OmopDictionary> dictionary, Broadcast<SerializableConfiguration> hadoop)
    {
        boolean strictly = strict;
        return spark.parallelize(ranges, ranges.size())
                .map(range -> OmopTableReading.read(dictionary.value(), range.open(hadoop.value().value()), range.start() == 0, strictly,
                        SparkScreening.rules(protocol).keep()));
    }

    /** A Parquet file's rows, in the tasks Spark's reader makes of it; the first task lists a missing column. */
    private JavaRDD<Part> parquetParts(OmopFile file, ProtocolText protocol, Broadcast<OmopDictionary> dictionary)
    {
        var dataset = ParquetRows.dataset(session, file);
        List<String> columns = ParquetRows.columns(dataset);
        boolean strictly = strict;
        String table = file.table();
        String name = file.name();
        return dataset.javaRDD().mapPartitionsWithIndex((index, rows) -> {
            OmopFile.opening.accept(name);
            Part part = OmopTableReading.read(dictionary.value(), new ParquetRows(table, name, columns, rows), index == 0, strictly,
                    SparkScreening.rules(protocol).keep());
            return List.of(part).iterator();
        }, false);
    }

    /**
     * The Parquet files of tables screening does not use, whose rows are only counted: each
     * file's row count from its footer, one task per file (no Spark SQL reading of its own,
     * which costs a job and generated code per file).
     */
    private JavaRDD<Part> unusedParquetParts(List<OmopFile> files, Broadcast<SerializableConfiguration> hadoop)
    {
        return spark.parallelize(files, files.size()).map(file -> {
            OmopFile.opening.accept(file.name());
            GenericFlow counts = new GenericFlow();
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.uri());
            try (org.apache.parquet.hadoop.ParquetFileReader footer = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, hadoop.value().value()))) {
                counts.countIgnored(file.table(), footer.getRecordCount());
            }
            catch (IOException | RuntimeException e) {
                throw new CasebookException(ErrorCode.BAD_INPUT, file.name() + ": cannot read the Parquet table (" + e.getMessage() + ")", e);
            }
            return new Part(file.table(), counts, new TreeMap<>(), Map.of(), java.util.Set.of(), Map.of());
        });
    }

    /** A table read in tasks, named to the vocabulary's reading (which reads only its own tables and checks that PERSON is there). */
    private record Named(OmopFile source)
            implements OmopTable
    {
        @Override
        public String name()
        {
            return source.table();
        }

        @Override
        public String file()
        {
            return source.name();
        }

        @Override
        public List<String> columns()
        {
            return List.of();
        }

        @Override
        public void forEachRow(RowConsumer consumer)
        {
            throw new IllegalStateException(source.name() + " is read in Spark tasks");
        }
    }
}

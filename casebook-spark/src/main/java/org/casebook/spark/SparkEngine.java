package org.casebook.spark;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.RecordSource;
import org.casebook.screening.omop.OmopSource;

/**
 * {@code casebook screen --engine spark}: the generic engine on Spark. Run by the casebook
 * command line with this module on its class path ({@code bin/casebook-spark}), or by
 * {@code spark-submit}, which sets the master; {@code --master} overrides it.
 */
final class SparkEngine
        implements ScreeningEngine
{
    private final ProtocolText protocol;
    private final boolean strict;
    private final String master;

    SparkEngine(ProtocolText protocol, boolean strict, String master)
    {
        this.protocol = protocol;
        this.strict = strict;
        this.master = master;
    }

    @Override
    public String name()
    {
        return "spark";
    }

    @Override
    public Summary screen(Path extract, Path out)
            throws IOException
    {
        return screen(extract.toAbsolutePath().toUri().toString(), out);
    }

    /** A folder on any Hadoop file system: a path (on {@code fs.defaultFS}) or a {@code file:}, {@code hdfs://}, {@code s3a://} URI. */
    @Override
    public Summary screen(String extract, Path out)
            throws IOException
    {
        SparkSession spark = session();
        try {
            return summary(new SparkScreening(spark, protocol, strict, 0).screen(extract, out));
        }
        finally {
            spark.stop();
        }
    }

    /**
     * OMOP CDM tables: a folder on any Hadoop file system (a path or a {@code file:},
     * {@code hdfs://}, {@code s3a://} URI), read in Spark tasks ({@link SparkScreening#screenOmop});
     * a JDBC URL read on the driver.
     */
    @Override
    public Summary screenOmop(String source, Path out)
            throws IOException
    {
        if (source.startsWith("jdbc:")) {
            return screen(OmopSource.open(source), out);
        }
        SparkSession spark = session();
        try {
            return summary(new SparkScreening(spark, protocol, strict, 0).screenOmop(source, out));
        }
        finally {
            spark.stop();
        }
    }

    /** Any other input format: a folder of OMOP CDM tables read in tasks, a database read on the driver ({@link SparkScreening#screen(RecordSource, Path)}). */
    @Override
    public Summary screen(RecordSource source, Path out)
            throws IOException
    {
        SparkSession spark = session();
        try {
            return summary(new SparkScreening(spark, protocol, strict, 0).screen(source, out));
        }
        finally {
            spark.stop();
        }
    }

    private Summary summary(GenericScreening.Result result)
    {
        return Summary.of(protocol.screening(strict), result);
    }

    /**
     * A session on {@code --master}, else on spark-submit's master, else on every local core. A
     * local session binds to the loopback address and starts no web UI: it serves this one command.
     */
    private SparkSession session()
    {
        SparkConf conf = new SparkConf().setAppName("casebook screen " + protocol.file());
        if (master != null) {
            conf.setMaster(master);
        }
        else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        try {
            return SparkSession.builder().config(conf).getOrCreate();
        }
        catch (Exception e) {
            // A master URL Spark cannot parse or reach is the user's to fix, not an internal error.
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot start Spark with master " + conf.get("spark.master") + ": " + e.getMessage(), e);
        }
    }
}

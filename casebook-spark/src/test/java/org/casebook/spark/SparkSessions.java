package org.casebook.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark session: one for the whole test JVM, started on first use (the first start
 * takes seconds: Spark's classes load) and started again only when a test needs another master,
 * as a JVM holds one SparkContext at a time. No web UI; the loopback address.
 */
final class SparkSessions
{
    private static SparkSession session;
    private static String master;

    private SparkSessions() {}

    /** A session on {@code wanted} ({@code local[2]}, {@code local[2,3]}: two threads, three attempts per task). */
    static synchronized SparkSession on(String wanted)
    {
        if (session != null && wanted.equals(master) && !session.sparkContext().isStopped()) {
            return session;
        }
        stop();
        session = SparkSession.builder().master(wanted).appName("casebook-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        master = wanted;
        return session;
    }

    /** Stops the session, for a test that starts Spark its own way (the engine as the command line runs it). */
    static synchronized void stop()
    {
        if (session != null) {
            session.stop();
            session = null;
            master = null;
        }
    }
}

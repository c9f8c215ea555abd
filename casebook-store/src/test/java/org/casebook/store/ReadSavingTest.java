package org.casebook.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saving CT reads, on SQLite and on PostgreSQL: only changed values are written, and saves that
 * run side by side (PostgreSQL lets them, up to the audit chain) lose nothing, keep the audit
 * chain intact and refuse the loser of a race as a conflict.
 */
class ReadSavingTest
{
    private static final Map<String, StudyDatabase> DATABASES = new ConcurrentHashMap<>();

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    private static StudyDatabase database(String kind)
    {
        return DATABASES.computeIfAbsent(kind, TestDatabases::open);
    }

    @AfterAll
    static void close()
    {
        DATABASES.values().forEach(StudyDatabase::close);
    }

    /** A study with the two-patient workbook (one CT) and {@code readers} readers, each with the scan on their worklist. */
    private static Study studyWithReaders(StudyDatabase database, List<String> readers)
    {
        Study study = new Studies(database).create("reads " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        for (String reader : readers) {
            new Users(database).add(reader, "{noop}x", false, "admin");
            new Users(database).grant(study.id(), reader, StudyRole.READER, false, "admin");
            new CtReading(database).assignAll(study.id(), reader, "admin");
        }
        return study;
    }

    private static List<String> readers(String prefix, int count)
    {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + System.nanoTime() + "_" + i);
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSecondSaveStoresTheNewReadAndAuditsOnlyWhatChanged(String kind)
    {
        StudyDatabase database = database(kind);
        String reader = readers("dana", 1).get(0);
        Study study = studyWithReaders(database, List.of(reader));
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        SavedRead first = reading.saveRead(study.id(), scan.code(), reader, false, 0, Fixtures.zones(70, 30));
        List<ZoneExtent> changed = new ArrayList<>(Fixtures.zones(70, 30));
        changed.set(0, ZoneExtent.of(LungZone.RU, 40, 30, 30, 0, 0, 0));
        SavedRead second = reading.saveRead(study.id(), scan.code(), reader, false, 1, changed);

        assertThat(second.version()).isEqualTo(2);
        SavedRead stored = reading.findRead(study.id(), scan.code(), reader, false).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.grid()).isEqualTo(second.grid());
        assertThat(stored.grid().find("RU", "consolidation")).hasValue(30);
        assertThat(stored.grid().find("RL", "ggo")).hasValue(30);
        assertThat(stored.total()).isEqualTo(second.total()).isNotEqualTo(first.total());
        List<AuditEntry> audited = new AuditTrail(database).forEntity(CtReading.ENTITY, readId(database, scan, reader));
        assertThat(audited.stream().filter(entry -> entry.version() == 1)).hasSize(36);
        assertThat(audited.stream().filter(entry -> entry.version() == 2).map(entry -> entry.field() + " " + entry.oldValue() + "→" + entry.newValue()))
                .containsExactlyInAnyOrder("RU.normal 70→40", "RU.consolidation 0→30");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStaleSaveIsRefusedWithTheChangeItMissed(String kind)
    {
        StudyDatabase database = database(kind);
        String reader = readers("erin", 1).get(0);
        Study study = studyWithReaders(database, List.of(reader));
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        reading.saveRead(study.id(), scan.code(), reader, false, 0, Fixtures.zones(70, 30));
        reading.saveRead(study.id(), scan.code(), reader, false, 1, Fixtures.zones(60, 40));

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ConflictException.class,
                () -> reading.saveRead(study.id(), scan.code(), reader, false, 1, Fixtures.zones(50, 50))))
                .satisfies(conflict -> {
                    assertThat(conflict.currentVersion()).isEqualTo(2);
                    assertThat(conflict.otherChanges()).extracting(AuditEntry::newValue).contains("60", "40");
                });
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ConflictException.class,
                () -> reading.saveRead(study.id(), scan.code(), reader, false, 0, Fixtures.zones(50, 50))).currentVersion()).isEqualTo(2);
        assertThat(reading.findRead(study.id(), scan.code(), reader, false).orElseThrow().grid().find("RU", "ggo")).hasValue(40);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readersSavingAtOnceLoseNothingAndKeepTheAuditChain(String kind)
            throws Exception
    {
        StudyDatabase database = database(kind);
        List<String> readers = readers("rad", 6);
        Study study = studyWithReaders(database, readers);
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        int saves = 8;
        CyclicBarrier start = new CyclicBarrier(readers.size() + 1);
        List<Callable<Void>> work = new ArrayList<>();
        for (String reader : readers) {
            work.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                for (int version = 0; version < saves; version++) {
                    reading.saveRead(study.id(), scan.code(), reader, false, version, Fixtures.zones(100 - version * 10, version * 10));
                }
                return null;
            });
        }
        // a writer of another kind, queued behind the other writers, appends to the same chain meanwhile
        work.add(() -> {
            start.await(30, TimeUnit.SECONDS);
            for (int i = 0; i < saves; i++) {
                reading.setAccession(study.id(), scan.code(), "ACC-" + i, "alice");
            }
            return null;
        });
        runAll(work);

        for (String reader : readers) {
            SavedRead stored = reading.findRead(study.id(), scan.code(), reader, false).orElseThrow();
            assertThat(stored.version()).as(reader).isEqualTo(saves);
            assertThat(stored.grid().find("LL", "ggo")).as(reader).hasValue((saves - 1) * 10);
            // the first save audits 36 values, each later one the two that changed in each of 6 zones
            assertThat(new AuditTrail(database).forEntity(CtReading.ENTITY, readId(database, scan, reader))).as(reader).hasSize(36 + (saves - 1) * 12);
        }
        AuditChain.Verification verification = AuditChain.verify(database);
        assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoFirstSavesOfOneReadAtOnceStoreOneAndRefuseTheOtherAsAConflict(String kind)
            throws Exception
    {
        StudyDatabase database = database(kind);
        String reader = readers("fay", 1).get(0);
        Study study = studyWithReaders(database, List.of(reader));
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<Integer>> tabs = new ArrayList<>();
        for (int normal : new int[] {80, 90}) {
            tabs.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                try {
                    return reading.saveRead(study.id(), scan.code(), reader, false, 0, Fixtures.zones(normal, 100 - normal)).version();
                }
                catch (ConflictException e) {
                    assertThat(e.currentVersion()).isEqualTo(1);
                    return -1;
                }
            });
        }
        assertThat(runAll(tabs)).containsExactlyInAnyOrder(1, -1);
        assertThat(reading.findRead(study.id(), scan.code(), reader, false).orElseThrow().version()).isEqualTo(1);
        assertThat(new AuditTrail(database).forEntity(CtReading.ENTITY, readId(database, scan, reader))).hasSize(36);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void savesWaitingForALongWriterLeaveAConnectionForReads(String kind)
            throws Exception
    {
        StudyDatabase database = database(kind);
        int pool = ((com.zaxxer.hikari.HikariDataSource) database.dataSource()).getMaximumPoolSize();
        List<String> readers = readers("gil", pool + 2);
        Study study = studyWithReaders(database, readers);
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        java.util.concurrent.CountDownLatch chainTaken = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            // an import-like writer: appends to the audit trail first, so it holds the chain until it commits
            Future<?> longWriter = threads.submit(() -> database.inTransaction(handle -> {
                new AuditTrail(database).append(handle, new AuditTrail.Change("alice", study.id(), "study", study.id(), null, "note", null, "long", null));
                chainTaken.countDown();
                awaitQuietly(release);
                return null;
            }));
            assertThat(chainTaken.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<SavedRead>> saves = new ArrayList<>();
            for (String reader : readers) {
                saves.add(threads.submit(() -> reading.saveRead(study.id(), scan.code(), reader, false, 0, Fixtures.zones(90, 10))));
            }
            Thread.sleep(500);
            Future<Integer> read = threads.submit(() -> database.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()));
            assertThat(read.get(10, TimeUnit.SECONDS)).as("a read while %d saves wait for the chain", saves.size()).isEqualTo(1);
            release.countDown();
            longWriter.get(60, TimeUnit.SECONDS);
            for (Future<SavedRead> save : saves) {
                assertThat(save.get(60, TimeUnit.SECONDS).version()).isEqualTo(1);
            }
        }
        finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(AuditChain.verify(database).intact()).isTrue();
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch)
    {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> work)
            throws InterruptedException, ExecutionException
    {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(work, 120, TimeUnit.SECONDS)) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static long readId(StudyDatabase database, CtScan scan, String reader)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT id FROM ct_reads WHERE scan_id = :s AND reader = :r AND adjudication = 0")
                .bind("s", scan.id()).bind("r", reader).mapTo(Long.class).one());
    }
}

package org.casebook.web;

import java.time.Clock;

import org.casebook.store.AuditTrail;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.AdverseEvents;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StudyWorkbooks;
import org.casebook.store.ct.CtReading;
import org.casebook.store.screening.AeChecklist;
import org.casebook.store.screening.Screenings;
import org.casebook.store.study.Studies;
import org.casebook.store.study.StudyProtocolStore;
import org.casebook.store.study.Users;
import org.springframework.beans.factory.annotation.Value;
import org.casebook.store.cases.DataQueries;
import org.casebook.store.cases.RecordStatus;
import org.casebook.store.ct.ScanList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the store (plain Java) into the application context. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration
{
    @Bean
    Clock clock()
    {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    StudyDatabase studyDatabase(@Value("${casebook.db}") String jdbcUrl, Clock clock)
    {
        return StudyDatabase.open(jdbcUrl, clock);
    }

    @Bean
    Users users(StudyDatabase database)
    {
        return new Users(database);
    }

    @Bean
    Studies studies(StudyDatabase database)
    {
        return new Studies(database);
    }

    @Bean
    Cases cases(StudyDatabase database)
    {
        return new Cases(database);
    }

    @Bean
    AdverseEvents adverseEvents(StudyDatabase database, StudyProtocolStore protocols)
    {
        return new AdverseEvents(database, protocols);
    }

    @Bean
    StudyProtocolStore studyProtocolStore(StudyDatabase database)
    {
        return new StudyProtocolStore(database);
    }

    @Bean
    CaseImport caseImport(StudyDatabase database, StudyProtocolStore protocols)
    {
        return new CaseImport(database, protocols);
    }

    @Bean
    CtReading ctReading(StudyDatabase database, StudyProtocolStore protocols)
    {
        return new CtReading(database, protocols);
    }

    @Bean
    StudyWorkbooks studyWorkbooks(StudyDatabase database, StudyProtocolStore protocols)
    {
        return new StudyWorkbooks(database, protocols);
    }

    @Bean
    AuditTrail auditTrail(StudyDatabase database)
    {
        return new AuditTrail(database);
    }

    @Bean
    Screenings screenings(StudyDatabase database)
    {
        return new Screenings(database, AeChecklist.builtIn());
    }

    @Bean
    DataQueries dataQueries(StudyDatabase database)
    {
        return new DataQueries(database);
    }

    @Bean
    RecordStatus recordStatus(StudyDatabase database)
    {
        return new RecordStatus(database);
    }

    @Bean
    ScanList scanList(StudyDatabase database)
    {
        return new ScanList(database);
    }

    @Bean
    org.casebook.store.screening.ScreeningEvidence screeningEvidence(StudyDatabase database)
    {
        return new org.casebook.store.screening.ScreeningEvidence(database);
    }

    @Bean
    org.casebook.store.ct.WorklistPages worklistPages(StudyDatabase database)
    {
        return new org.casebook.store.ct.WorklistPages(database);
    }
}

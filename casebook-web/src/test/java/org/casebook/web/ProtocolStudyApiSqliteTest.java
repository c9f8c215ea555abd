package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A study from an uploaded protocol, on SQLite. */
class ProtocolStudyApiSqliteTest
        extends ProtocolStudyApiTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
        registry.add("casebook.data", TestDatabases::newDataFolder);
    }
}

package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A study from an uploaded protocol, on PostgreSQL. */
class ProtocolStudyApiPostgresTest
        extends ProtocolStudyApiTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("postgresql");
        registry.add("casebook.db", () -> url);
        registry.add("casebook.data", TestDatabases::newDataFolder);
    }
}

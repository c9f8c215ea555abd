package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Kazerooni reading through the API on PostgreSQL. */
class KazerooniReadingApiPostgresTest
        extends KazerooniReadingApiTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("postgresql");
        registry.add("casebook.db", () -> url);
        registry.add("casebook.data", TestDatabases::newDataFolder);
    }
}

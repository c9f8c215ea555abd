package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Kazerooni reading through the API on SQLite. */
class KazerooniReadingApiSqliteTest
        extends KazerooniReadingApiTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
    }
}

package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The REST API paths on SQLite. */
class StudyApiSqliteTest
        extends StudyApiTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
    }
}

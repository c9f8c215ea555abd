package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The role matrix on SQLite. */
class RoleMatrixSqliteTest
        extends RoleMatrixTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
    }
}

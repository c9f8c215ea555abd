package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Worklist and audit paging on Postgres. */
class ListPagingPostgresTest
        extends ListPagingTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("postgresql");
        registry.add("casebook.db", () -> url);
        registry.add("casebook.data", TestDatabases::newDataFolder);
    }
}

package org.casebook.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Worklist and audit paging on Sqlite. */
class ListPagingSqliteTest
        extends ListPagingTest
{
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
        registry.add("casebook.data", TestDatabases::newDataFolder);
    }
}

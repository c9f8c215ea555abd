package org.casebook.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One case's fields read against the schema: the typed values of the valid cells and, by field
 * name, the problem with each invalid one. A case is stored only when it has no problems.
 */
public record CaseCheck(Map<String, Object> values, Map<String, String> problems)
{
    public CaseCheck
    {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    public boolean isValid()
    {
        return problems.isEmpty();
    }
}

package org.casebook.store.cases;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/** Every field error of one save, by field ({@code before.pao2}); nothing was saved. */
public class ValidationException
        extends CasebookException
{
    private final Map<String, String> fieldErrors;

    public ValidationException(Map<String, String> fieldErrors)
    {
        super(ErrorCode.BAD_INPUT, fieldErrors.size() + " invalid value(s): "
                + fieldErrors.values().stream().collect(Collectors.joining("; ")));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors()
    {
        return fieldErrors;
    }

    public List<String> messages()
    {
        return List.copyOf(fieldErrors.values());
    }
}

package org.casebook.store.screening;

import java.util.List;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/** Every problem found in a screening output; nothing was stored. */
public class ScreeningFileException
        extends CasebookException
{
    private final List<ScreeningFileError> errors;

    public ScreeningFileException(List<ScreeningFileError> errors)
    {
        super(ErrorCode.BAD_INPUT, "the screening output has " + errors.size() + " error(s); nothing was imported: "
                + errors.stream().limit(20).map(ScreeningFileError::message).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ScreeningFileError> errors()
    {
        return errors;
    }
}

package org.casebook.workbook;

import java.nio.file.Path;

import org.casebook.protocol.StudyProtocol;

import static java.util.Objects.requireNonNull;

/**
 * Imports a case workbook, a folder of CSV files or one .xlsx file with sheets of the same
 * names (docs/workbook.md), validating every cell against the protocol.
 */
public final class WorkbookImporter
{
    private final StudyProtocol protocol;

    public WorkbookImporter(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /**
     * @throws WorkbookImportException listing every bad cell, when there is any
     * @throws org.casebook.error.CasebookException when the folder or file cannot be read
     */
    public ImportResult importFrom(Path folderOrXlsx)
    {
        throw new UnsupportedOperationException("being written");
    }
}

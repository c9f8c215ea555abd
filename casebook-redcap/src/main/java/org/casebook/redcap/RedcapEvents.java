package org.casebook.redcap;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A longitudinal project's {@code event.csv}: unique event names by event label ({@code "Visit 1" → visit_1_arm_1}). */
public final class RedcapEvents
{
    private RedcapEvents() {}

    /**
     * @throws RedcapImportException when the file has no {@code unique_event_name} column
     */
    public static Map<String, String> read(Path file)
    {
        String name = file.getFileName().toString();
        CsvTable table = CsvTable.read(file, name);
        if (!table.hasColumn("unique_event_name")) {
            throw new RedcapImportException(name, List.of(new RedcapIssue(name, 0, "unique_event_name", null, "an events file needs this column")));
        }
        Map<String, String> events = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String label = row.cell("event_name").isBlank() ? row.cell("unique_event_name") : row.cell("event_name");
            events.putIfAbsent(label.strip(), row.cell("unique_event_name").strip());
        }
        return events;
    }
}

package org.casebook.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A small case workbook as CSV texts, file name → content, that tests change a line at a time
 * and write as a CSV folder or as an .xlsx file with typed cells.
 */
final class CsvFixture
{
    static final String CASES = """
            patient_id,admission_date,ae_onset_date,discharge_date,age,sex,smoking,ild_pattern,rf_positive,mpsl_pulse,home_oxygen_at_discharge
            P1,2024-03-01,2024-02-28,2024-03-20,72,F,former,UIP,yes,yes,no
            P2,2024-05-10,,2024-06-01,65,M,never,probable UIP,no,no,yes
            """;
    static final String MEASUREMENTS = """
            patient_id,timepoint,variable,value,unit,date
            P1,onset,pao2,60,mmHg,2024-02-28
            P1,onset,fio2,40,%,2024-02-28
            P1,after,pao2,10.5,kPa,2024-03-15
            P1,after,fio2,0.21,,2024-03-15
            P1,onset,crp,85,mg/L,2024-02-28
            P2,onset,pf_ratio,180,,2024-05-10
            """;
    static final String CT_READS = """
            patient_id,timepoint,reader,zone,normal,ggo,consolidation,ggo_traction,consolidation_traction,honeycombing
            P1,onset,A,RU,50,30,0,10,0,10
            P1,onset,A,RM,40,40,10,10,0,0
            P1,onset,A,RL,20,40,10,10,0,20
            P1,onset,A,LU,60,30,0,10,0,0
            P1,onset,A,LM,40,40,0,20,0,0
            P1,onset,A,LL,20,50,0,10,0,20
            """;
    static final String CT_STUDIES = """
            patient_id,timepoint,date,study_id
            P1,onset,2024-02-28,ACC-100
            """;
    static final String ADVERSE_EVENTS = """
            patient_id,term,onset_date,grade,serious,related_to,action
            P2,herpes zoster,2024-05-20,2,no,jaki,drug interrupted
            """;
    static final String KAZEROONI_READS = """
            patient_id,timepoint,reader,lobe,alveolar,interstitial
            P1,onset,A,RUL,2,1
            P1,onset,A,RML,3,2
            P1,onset,A,RLL,4,3
            P1,onset,A,LUL,2,1
            P1,onset,A,LLL,4,3
            """;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Map<String, String> files = new LinkedHashMap<>();

    private CsvFixture() {}

    /** cases, measurements, ct_studies, ct_reads and adverse_events, all valid. */
    static CsvFixture valid()
    {
        return new CsvFixture()
                .with("cases.csv", CASES)
                .with("measurements.csv", MEASUREMENTS)
                .with("ct_studies.csv", CT_STUDIES)
                .with("ct_reads.csv", CT_READS)
                .with("adverse_events.csv", ADVERSE_EVENTS);
    }

    CsvFixture with(String file, String content)
    {
        files.put(file, content);
        return this;
    }

    CsvFixture without(String file)
    {
        files.remove(file);
        return this;
    }

    /** Adds one data row at the end of the file. */
    CsvFixture appending(String file, String line)
    {
        files.put(file, files.get(file) + line + "\n");
        return this;
    }

    /** Replaces text in a file (the first occurrence must exist). */
    CsvFixture replacing(String file, String text, String replacement)
    {
        String content = files.get(file);
        if (!content.contains(text)) {
            throw new IllegalArgumentException(file + " does not contain " + text);
        }
        files.put(file, content.replaceFirst(Pattern.quote(text), replacement));
        return this;
    }

    Path writeFolder(Path folder)
            throws IOException
    {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return folder;
    }

    /** One sheet per file; ISO dates become date-typed cells, numbers numeric cells, the rest text. */
    Path writeXlsx(Path file)
            throws IOException
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("d.m.yyyy"));
            for (Map.Entry<String, String> entry : files.entrySet()) {
                Sheet sheet = workbook.createSheet(entry.getKey().replace(".csv", ""));
                List<CSVRecord> records;
                try (CSVParser parser = CSVParser.parse(new StringReader(entry.getValue()), CSVFormat.RFC4180)) {
                    records = parser.getRecords();
                }
                for (int r = 0; r < records.size(); r++) {
                    Row row = sheet.createRow(r);
                    for (int c = 0; c < records.get(r).size(); c++) {
                        writeCell(row.createCell(c), records.get(r).get(c), r == 0, dateStyle);
                    }
                }
            }
            workbook.write(out);
        }
        return file;
    }

    private static void writeCell(Cell cell, String text, boolean header, CellStyle dateStyle)
    {
        if (!header && DATE.matcher(text).matches()) {
            cell.setCellValue(LocalDate.parse(text));
            cell.setCellStyle(dateStyle);
        }
        else if (!header && NUMBER.matcher(text).matches()) {
            cell.setCellValue(Double.parseDouble(text));
        }
        else if (!text.isEmpty()) {
            cell.setCellValue(text);
        }
    }
}

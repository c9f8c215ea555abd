package org.casebook.redcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.WorkbookImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad REDCap input is reported by file, row, column and value, and nothing is written. */
class RedcapImportErrorsTest
{
    static final StudyProtocol SEED = Protocols.builtIn(Protocols.SEED);

    @TempDir
    Path temp;
    Path dictionary;
    Path records;
    Path mapping;

    /** The seed demo exported to REDCap with its generated mapping: a valid starting point to spoil. */
    static void exportSeedDemo(Path folder)
            throws IOException
    {
        CaseWorkbook workbook = new WorkbookImporter(SEED).importFrom(RedcapRoundTripTest.SEED_DEMO).workbook();
        RedcapExporter.write(new RedcapExporter(SEED).export(workbook), folder);
        DataDictionary parsed = DataDictionary.read(folder.resolve("dictionary.csv"), "dictionary.csv");
        Files.writeString(folder.resolve("mapping.yaml"), new MappingGenerator(SEED, parsed, Map.of()).generate());
    }

    @BeforeEach
    void export()
            throws IOException
    {
        exportSeedDemo(temp);
        dictionary = temp.resolve("dictionary.csv");
        records = temp.resolve("records.csv");
        mapping = temp.resolve("mapping.yaml");
    }

    private RedcapImporter.Result importTo(Path out)
    {
        return new RedcapImporter(SEED).importTo(new RedcapImporter.Input(dictionary, records, null, mapping), out);
    }

    private void replace(Path file, String from, String to)
            throws IOException
    {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    @Nested
    class Values
    {
        @Test
        void anImplausibleNumberNamesRowColumnAndValue()
                throws IOException
        {
            replace(records, "P01,,,2024-02-12,2024-02-10,2024-03-22,74,", "P01,,,2024-02-12,2024-02-10,2024-03-22,-74,");
            Path out = temp.resolve("out");
            assertThatThrownBy(() -> importTo(out))
                    .isInstanceOf(RedcapImportException.class)
                    .hasMessageContaining("records.csv row 1, column age: '-74': expected a number");
            assertThat(out).doesNotExist();
        }

        @Test
        void anOutcomeOutsideTheProtocolsLevelsIsLocated()
                throws IOException
        {
            replace(mapping, "\"2\": \"recovering\"", "\"2\": \"improving\"");
            // located at REDCap's cell, its code as exported, and the workbook column it fills
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageMatching("(?s).*records.csv row \\d+, column aev_outcome: '2': expected one of recovered, recovering, not_recovered, "
                            + "recovered_with_sequelae, fatal, unknown \\(workbook adverse_events column outcome\\).*");
        }

        @Test
        void aCodeMissingFromTheValueMapIsReported()
                throws IOException
        {
            replace(mapping, "\"2\": \"M\"", "\"3\": \"M\"");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageContaining("column sex: '2': no entry for this code in the mapping's values");
        }

        @Test
        void aMeasurementOutsideItsRangeIsTracedToItsInstanceRow()
                throws IOException
        {
            replace(records, ",72,2023-09-14,", ",7200,2023-09-14,");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageContaining("column pao2: '7200': pao2 7200 mmHg is outside the plausible range");
        }

        @Test
        void anExistingOutputIsLeftAsItWasOnError()
                throws IOException
        {
            Path out = temp.resolve("out");
            importTo(out);
            String before = Files.readString(out.resolve("cases.csv"));
            replace(records, "2024-02-12,2024-02-10", "2024-02-31,2024-02-10");
            assertThatThrownBy(() -> importTo(out)).hasMessageContaining("column admission_date: '2024-02-31'");
            assertThat(Files.readString(out.resolve("cases.csv"))).isEqualTo(before);
        }
    }

    @Nested
    class Files_
    {
        @Test
        void aFieldTheMappingNamesMustExist()
                throws IOException
        {
            replace(mapping, "{field: \"bmi\"}", "{field: \"bmi_kg_m2\"}");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageMatching("(?s).*mapping.yaml line \\d+, column bmi: 'bmi_kg_m2': no column of that name in records.csv.*");
        }

        @Test
        void aMappingForAnotherProtocolIsRefused()
                throws IOException
        {
            replace(mapping, "protocol: \"ae-ra-ild-jaki\"", "protocol: \"dm-ild-tofacitinib\"");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageContaining("mapping.yaml line 1, column protocol: 'dm-ild-tofacitinib': the mapping was written for another protocol than ae-ra-ild-jaki");
        }

        @Test
        void anUnknownMappingKeyIsRefused()
                throws IOException
        {
            replace(mapping, "cases:\n  columns:", "cases:\n  colums:");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .isInstanceOf(CasebookException.class)
                    .hasMessageContaining("mapping.yaml line");
        }

        @Test
        void aDictionaryWithoutRedcapsColumnsIsRefused()
                throws IOException
        {
            Files.writeString(dictionary, "name,form\nrecord_id,case_data\n");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageContaining("dictionary.csv: a data dictionary has the 18 columns");
        }

        @Test
        void aRowLongerThanTheHeaderIsLocated()
                throws IOException
        {
            Files.writeString(records, Files.readString(records) + "P09,,,x,y,z" + ",".repeat(200) + "\n");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageMatching("(?s).*records.csv row \\d+: the row has \\d+ cells, the header \\d+.*");
        }

        @Test
        void differentValuesInTwoEventsAskForTheEvent()
                throws IOException
        {
            String text = Files.readString(records);
            String caseRow = text.lines().skip(1).findFirst().orElseThrow();
            Files.writeString(records, text + caseRow.replace(",74,", ",75,") + "\n");
            assertThatThrownBy(() -> importTo(temp.resolve("out")))
                    .hasMessageContaining("column age: '75': the record's rows hold different values of age ('74' in row 1); name the event in the mapping");
        }

        @Test
        void twoCheckedBoxesCannotFillOneCell()
                throws IOException
        {
            Path project = temp.resolve("checkbox");
            Files.createDirectories(project);
            Files.writeString(project.resolve("dictionary.csv"), String.join(",", DataDictionary.HEADER.stream().map(h -> "\"" + h + "\"").toList()) + "\n"
                    + "record_id,case_data,,text,ID,,,,,,,,,,,,,\n"
                    + "admission_date,case_data,,text,Admission,,,date_ymd,,,,,,,,,,\n"
                    + "smoking,case_data,,checkbox,Smoking,\"1, never | 2, former | 3, current\",,,,,,,,,,,,\n");
            Files.writeString(project.resolve("data.csv"), "record_id,admission_date,smoking___1,smoking___2,smoking___3\nA,2024-01-02,0,1,0\nB,2024-01-03,1,1,0\n");
            Files.writeString(project.resolve("mapping.yaml"), "record_id: record_id\ncases:\n  columns:\n    admission_date: {field: admission_date}\n"
                    + "    smoking: {checkbox: smoking, values: {\"1\": never, \"2\": former, \"3\": current}}\n");
            assertThatThrownBy(() -> new RedcapImporter(SEED).read(new RedcapImporter.Input(project.resolve("dictionary.csv"), project.resolve("data.csv"), null,
                    project.resolve("mapping.yaml"))))
                    .hasMessageContaining("data.csv row 2, column smoking___*: 'smoking___1 smoking___2': more than one box is checked (codes 1, 2)");
        }
    }
}

package org.casebook.screening.generic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.screening.local.ExtractFile;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed top-level fields are exactly the tree reader's, node types included; lines it cannot read simply are left to the tree reader. */
class LineFieldsTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void everyLineOfASyntheticHospitalReadsAsTheTreeReaderReadsIt()
            throws IOException
    {
        GenericHospital.load("dm-ild-tofacitinib", 7, 200, false).write(temp, ProgressListener.NONE);
        LineFields fields = new LineFields(MAPPER);
        int lines = 0;
        for (ExtractFile file : ExtractFile.list(temp)) {
            Set<String> kept = LineFields.FIELDS.getOrDefault(file.typeName(), Set.of());
            for (String line : Files.readAllLines(file.path(), StandardCharsets.UTF_8)) {
                assertSame(fields, kept, line);
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(1000);
    }

    @Test
    void oddValuesReadAsTheTreeReaderReadsThem()
    {
        LineFields fields = new LineFields(MAPPER);
        Set<String> kept = LineFields.FIELDS.get("Observation");
        for (String line : List.of(
                "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"valueQuantity\":{\"value\":7.40,\"unit\":\"mmHg\"},\"subject\":{\"reference\":\"Patient/p\"}}",
                "{\"resourceType\":\"Observation\",\"id\":1,\"valueQuantity\":{\"value\":12345678901,\"code\":null},\"status\":true}",
                "{\"resourceType\":\"Observation\",\"id\":1.0,\"valueQuantity\":{\"value\":123456789012345678901234567890},\"status\":false}",
                "{\"resourceType\":\"Observation\",\"id\":\"a\",\"id\":\"b\",\"code\":{\"coding\":[{\"code\":\"x\"},{\"code\":\"x\"},[],{}]},\"extra\":[{\"a\":[1,2,{\"b\":null}]}]}",
                "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":-0.0},\"effectiveDateTime\":\"2024-01-01\",\"note\":\"caf\u00e9 \\u00e9\\n\"}",
                "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e308},\"code\":{\"text\":\"\"}}",
                "{}")) {
            assertSame(fields, kept, line);
        }
    }

    @Test
    void decimalsAsWrittenWhenTheMapperReadsThemSo()
    {
        ObjectMapper exact = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
        LineFields fields = new LineFields(exact);
        String line = "{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":7.40},\"code\":{\"x\":[1.0E+2,36062.40,1e400]}}";
        byte[] bytes = bytes(line);
        ObjectNode streamed = fields.read(LineFields.FIELDS.get("Observation"), bytes, 0, bytes.length);
        try {
            ObjectNode expected = ((ObjectNode) exact.readTree(line)).retain("resourceType", "valueQuantity", "code");
            assertThat(streamed).isEqualTo(expected);
            assertThat(streamed.toString()).isEqualTo(expected.toString()).contains("7.40", "36062.40");
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void linesThatAreNotSimplyOneObjectAreLeftToTheTreeReader()
    {
        LineFields fields = new LineFields(MAPPER);
        Set<String> kept = LineFields.FIELDS.get("Observation");
        for (String line : List.of("{\"id\":\"a\"} {}", "{\"id\":\"a\"", "[1]", "  ", "\"x\"", "{\"valueQuantity\":{\"value\":1e400}}", "{\"id\":\"a\",}", "{\"id\":NaN}")) {
            assertThat(fields.read(kept, bytes(line), 0, bytes(line).length)).as(line).isNull();
        }
        // and the parser is fresh again afterwards
        assertSame(fields, kept, "{\"resourceType\":\"Observation\",\"id\":\"o2\"}");
    }

    private static void assertSame(LineFields fields, Set<String> kept, String line)
    {
        byte[] bytes = bytes("xx" + line + "yy");
        ObjectNode streamed = fields.read(kept, bytes, 2, bytes.length - 4);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        Set<String> names = new HashSet<>(kept);
        names.addAll(Set.of("resourceType", "id", "subject"));
        ObjectNode expected = ((ObjectNode) tree).deepCopy().retain(names);
        assertThat(streamed).as(line).isEqualTo(expected);
        expected.fieldNames().forEachRemaining(name -> assertThat(streamed.get(name).getNodeType()).isEqualTo(expected.get(name).getNodeType()));
        assertThat(streamed.toString()).as(line).isEqualTo(expected.toString());
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

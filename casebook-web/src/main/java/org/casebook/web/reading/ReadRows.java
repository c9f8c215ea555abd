package org.casebook.web.reading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.ctscore.ReadGrid;
import org.casebook.ctscore.ReadItem;
import org.casebook.ctscore.ReadLayout;
import org.casebook.ctscore.ReadRegion;
import org.springframework.util.MultiValueMap;

/**
 * The rows of a reading form under a scoring system's {@link ReadLayout}: one per zone or lobe,
 * its values as typed (the form's inputs are named {@code REGION.item}: {@code RU.ggo},
 * {@code RUL.alveolar}).
 */
public final class ReadRows
{
    private ReadRows() {}

    /** A row of the form: a region and its values as typed, in the layout's item order. */
    public record Row(String region, String label, List<String> values) {}

    /**
     * The rows of a saved read, or of a new one: an Ichikado zone starts all normal (the other
     * patterns 0, so it adds up to 100); a Kazerooni grade starts unchosen.
     */
    public static List<Row> of(ReadLayout layout, ReadGrid saved)
    {
        List<Row> rows = new ArrayList<>();
        for (ReadRegion region : layout.regions()) {
            List<String> values = new ArrayList<>();
            for (ReadItem item : layout.items()) {
                values.add(saved == null ? initial(layout, item) : saved.find(region.code(), item.name()).map(String::valueOf).orElse(""));
            }
            rows.add(new Row(region.code(), region.label(), values));
        }
        return rows;
    }

    private static String initial(ReadLayout layout, ReadItem item)
    {
        if (item.graded() || layout.regionSum().isEmpty()) {
            return "";
        }
        return item == layout.items().get(0) ? Integer.toString(layout.regionSum().getAsInt()) : "0";
    }

    /** The rows as submitted by the form. */
    public static List<Row> submitted(ReadLayout layout, MultiValueMap<String, String> form)
    {
        List<Row> rows = new ArrayList<>();
        for (ReadRegion region : layout.regions()) {
            List<String> values = new ArrayList<>();
            for (ReadItem item : layout.items()) {
                String text = form.getFirst(region.code() + "." + item.name());
                values.add(text == null ? "" : text.strip());
            }
            rows.add(new Row(region.code(), region.label(), values));
        }
        return rows;
    }

    /** The typed values by region and item, for {@link ReadLayout#parse}. */
    public static Map<String, Map<String, String>> typed(ReadLayout layout, List<Row> rows)
    {
        Map<String, Map<String, String>> typed = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < layout.items().size(); i++) {
                values.put(layout.items().get(i).name(), row.values().get(i));
            }
            typed.put(row.region(), values);
        }
        return typed;
    }
}

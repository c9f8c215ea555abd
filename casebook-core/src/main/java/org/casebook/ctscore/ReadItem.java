package org.casebook.ctscore;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One value a reader gives for every region: an Ichikado pattern's percent of the zone (0–100,
 * weighted by the pattern's points), a Kazerooni grade (0–5, each grade with its meaning). A
 * region's score is Σ value × weight over the items; the read's total is the mean over regions.
 *
 * @param name the stored and form name ({@code ggo_traction}, {@code alveolar})
 * @param label what the reader sees
 * @param grades the meaning of each allowed value, in order, when the value is a grade (empty for a percent)
 */
public record ReadItem(String name, String label, int min, int max, int weight, List<Grade> grades)
{
    /** One allowed value of a graded item and what it means ({@code 2}, {@code <25 %}). */
    public record Grade(int value, String label)
    {
        public Grade
        {
            requireNonNull(label, "label is null");
        }
    }

    public ReadItem
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        grades = List.copyOf(requireNonNull(grades, "grades is null"));
        if (min > max) {
            throw new IllegalArgumentException("item " + name + ": min " + min + " > max " + max);
        }
    }

    /** Whether the reader chooses one of {@link #grades()} (a select) rather than typing a number. */
    public boolean graded()
    {
        return !grades.isEmpty();
    }

    /** The name in JSON, in camel case as the rest of the API ({@code ggoTraction}). */
    public String jsonName()
    {
        StringBuilder json = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            }
            else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }

    /** What a value must be, for messages: {@code a whole number 0–100}, {@code a grade 0–5}. */
    public String expected()
    {
        return (graded() ? "a grade " : "a whole number ") + min + "–" + max;
    }
}

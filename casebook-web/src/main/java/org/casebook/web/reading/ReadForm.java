package org.casebook.web.reading;

import java.util.ArrayList;
import java.util.List;

import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.error.CasebookException;

/** One zone of a submitted read: the six pattern percents, in the workbook's column order. */
public record ReadForm(String zone, int normal, int ggo, int consolidation, int ggoTraction, int consolidationTraction, int honeycombing)
{
    /**
     * @throws IllegalArgumentException when a zone does not add up to 100 or a percent is outside 0–100
     * @throws CasebookException when a zone code is unknown
     */
    public ZoneExtent toZoneExtent()
    {
        LungZone lungZone = LungZone.fromCode(zone == null ? "" : zone)
                .orElseThrow(() -> CasebookException.badInput("unknown zone '%s': expected RU, RM, RL, LU, LM or LL", zone));
        return ZoneExtent.of(lungZone, normal, ggo, consolidation, ggoTraction, consolidationTraction, honeycombing);
    }

    public static List<ZoneExtent> toZones(List<ReadForm> forms)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ReadForm form : forms) {
            try {
                zones.add(form.toZoneExtent());
            }
            catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return zones;
    }
}

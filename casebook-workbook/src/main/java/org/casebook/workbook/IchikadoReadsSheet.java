package org.casebook.workbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.StudyProtocol;

/**
 * Reads the {@code ct_reads} sheet (Ichikado score): one zone of one read per row, six integer
 * percents 0–100 adding up to 100. A percent not in steps of 10 is a warning.
 */
final class IchikadoReadsSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("ct_reads", columns(), List.of());
    private static final IchikadoPattern[] PATTERNS = IchikadoPattern.values();

    private IchikadoReadsSheet() {}

    private static List<String> columns()
    {
        List<String> columns = new ArrayList<>(List.of("patient_id", "timepoint", "reader", "zone"));
        for (IchikadoPattern pattern : IchikadoPattern.values()) {
            columns.add(pattern.column());
        }
        return columns;
    }

    static List<IchikadoRead> read(Sheet sheet, StudyProtocol protocol, Set<String> knownPatients, ImportIssues issues, KeptValues kept)
    {
        ReadAssembler<LungZone, ZoneExtent> assembler = new ReadAssembler<>(LungZone.class, "zone");
        // the kept zone estimates by zone and percents packed in a long: found without building and hashing an extent per row
        Map<Long, ZoneExtent> extents = new java.util.HashMap<>();
        // each zone cell's text looked up once (a few spellings: RU, ru, …), not through every zone for each of millions of rows
        Map<String, Optional<LungZone>> zoneCodes = new java.util.HashMap<>();
        Function<String, Optional<LungZone>> zoneOfCode = code -> {
            Optional<LungZone> zone = zoneCodes.get(code);
            if (zone == null) {
                zone = LungZone.fromCode(code);
                if (zoneCodes.size() < 1000) {
                    zoneCodes.put(code, zone);
                }
            }
            return zone;
        };
        for (SheetRow row : sheet.rows()) {
            RowCells cells = new RowCells(sheet, row, issues, kept);
            ReadKey key = readKey(cells, protocol, knownPatients);
            LungZone zone = cells.requiredChoice("zone", zoneOfCode, "one of RU, RM, RL, LU, LM, LL");
            Map<IchikadoPattern, Integer> percents = percents(cells, zone);
            // a few hundred distinct zone estimates recur across thousands of reads: one instance of each is kept
            ZoneExtent extent = null;
            if (cells.isValid()) {
                long packed = zone.ordinal();
                for (IchikadoPattern pattern : PATTERNS) {
                    packed = packed * 101 + percents.get(pattern);
                }
                extent = extents.get(packed);
                if (extent == null) {
                    extent = cells.intern(new ZoneExtent(zone, percents));
                    if (extents.size() < KeptValues.MAX) {
                        extents.put(packed, extent);
                    }
                }
            }
            assembler.add(cells, key, zone, extent);
        }
        return assembler.assemble(sheet, issues, (key, zones) -> new IchikadoRead(new ScanRef(key.patientId(), key.timepoint()), key.reader(), zones));
    }

    static ReadKey readKey(RowCells cells, StudyProtocol protocol, Set<String> knownPatients)
    {
        String patientId = cells.patientId(knownPatients);
        String timepoint = cells.timepoint(protocol);
        String reader = cells.intern(cells.requiredText("reader"));
        return patientId == null || timepoint == null || reader == null ? null : new ReadKey(patientId, timepoint, reader);
    }

    private static Map<IchikadoPattern, Integer> percents(RowCells cells, LungZone zone)
    {
        Map<IchikadoPattern, Integer> percents = new EnumMap<>(IchikadoPattern.class);
        int sum = 0;
        for (IchikadoPattern pattern : PATTERNS) {
            Integer percent = cells.requiredInteger(pattern.column(), 0, 100);
            if (percent == null) {
                continue;
            }
            if (percent % 10 != 0) {
                cells.warning(pattern.column(), percent.toString(), "not in steps of 10; the Ichikado score estimates each share to the nearest 10%");
            }
            percents.put(pattern, percent);
            sum += percent;
        }
        if (percents.size() == PATTERNS.length) {
            if (sum != 100) {
                String zoneName = zone == null ? "" : " of zone " + zone.name();
                cells.error(null, Integer.toString(sum), "the six pattern percents" + zoneName + " add up to " + sum + "; they must add up to 100");
            }
        }
        return percents;
    }
}

package org.casebook.workbook;

import java.util.List;
import java.util.Set;

import org.casebook.ctscore.KazerooniLobe;
import org.casebook.ctscore.KazerooniLobeScore;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.ctscore.ScanRef;
import org.casebook.protocol.StudyProtocol;

/**
 * Reads the {@code ct_reads_kazerooni} sheet: one lobe of one read per row (the lingula is
 * scored with the left upper lobe), alveolar and interstitial grades 0–5.
 */
final class KazerooniReadsSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("ct_reads_kazerooni",
            List.of("patient_id", "timepoint", "reader", "lobe", "alveolar", "interstitial"),
            List.of());

    private KazerooniReadsSheet() {}

    static List<KazerooniRead> read(Sheet sheet, StudyProtocol protocol, Set<String> knownPatients, ImportIssues issues, KeptValues kept)
    {
        ReadAssembler<KazerooniLobe, KazerooniLobeScore> assembler = new ReadAssembler<>(KazerooniLobe.class, "lobe");
        for (SheetRow row : sheet.rows()) {
            RowCells cells = new RowCells(sheet, row, issues, kept);
            ReadKey key = IchikadoReadsSheet.readKey(cells, protocol, knownPatients);
            KazerooniLobe lobe = cells.requiredChoice("lobe", KazerooniLobe::fromCode, "one of RUL, RML, RLL, LUL, LLL (lingula with LUL)");
            Integer alveolar = cells.requiredInteger("alveolar", 0, 5);
            Integer interstitial = cells.requiredInteger("interstitial", 0, 5);
            KazerooniLobeScore score = cells.isValid() ? cells.intern(new KazerooniLobeScore(lobe, alveolar, interstitial)) : null;
            assembler.add(cells, key, lobe, score);
        }
        return assembler.assemble(sheet, issues, (key, lobes) -> new KazerooniRead(new ScanRef(key.patientId(), key.timepoint()), key.reader(), lobes));
    }
}

package org.casebook.web.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.ReadItem;
import org.casebook.ctscore.ReadLayout;
import org.casebook.ctscore.ReadRegion;
import org.casebook.store.SpreadsheetCsv;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.ct.SavedRead;
import org.casebook.web.security.SecurityLog;
import org.casebook.web.study.StudyProtocols;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every CT read of a study as CSV, for investigators (it names patients and time points): one
 * row per zone or lobe of each read, the readers' and the adjudicators', with the values of the
 * protocol's scoring system ({@code normal … honeycombing} for Ichikado, {@code alveolar},
 * {@code interstitial} for Kazerooni) and the read's total.
 */
@RestController
public class ReadsDownload
{
    private final CtReading reading;
    private final StudyProtocols protocols;
    private final SecurityLog securityLog;

    public ReadsDownload(CtReading reading, StudyProtocols protocols, SecurityLog securityLog)
    {
        this.reading = reading;
        this.protocols = protocols;
        this.securityLog = securityLog;
    }

    @GetMapping({"/studies/{studyId}/scans/reads.csv", "/api/studies/{studyId}/scans/reads.csv"})
    public ResponseEntity<String> reads(@PathVariable long studyId, Authentication authentication, HttpServletRequest request)
    {
        protocols.study(studyId);
        String body = csv(reading.system(studyId), reading.scans(studyId), reading.reads(studyId));
        securityLog.download(studyId, authentication.getName(), "ct reads.csv", request);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"ct-reads.csv\"").body(body);
    }

    static String csv(CtScoringSystem system, List<CtScan> scans, Map<Long, List<SavedRead>> reads)
    {
        ReadLayout layout = system.layout();
        List<String> header = new ArrayList<>(List.of("scan", "patient_id", "timepoint", "reader", "adjudication", "scoring_system", "total",
                layout.regionNoun()));
        layout.items().forEach(item -> header.add(item.name()));
        List<List<String>> rows = new ArrayList<>();
        for (CtScan scan : scans) {
            for (SavedRead read : reads.getOrDefault(scan.id(), List.of())) {
                for (ReadRegion region : layout.regions()) {
                    List<String> row = new ArrayList<>(List.of(scan.code(), scan.patientId(), scan.timepoint(), read.reader(),
                            read.adjudication() ? "yes" : "no", system.name(), String.format(Locale.ROOT, "%.1f", read.total()), region.code()));
                    for (ReadItem item : layout.items()) {
                        row.add(read.grid().find(region.code(), item.name()).map(String::valueOf).orElse(""));
                    }
                    rows.add(row);
                }
            }
        }
        return SpreadsheetCsv.write(header, rows);
    }
}

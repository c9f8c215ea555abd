package org.casebook.store.screening;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A study's imported screening: the flow counts (flow.json as imported), who imported it when,
 * the log and the reviews by patient id, including reviews of patients no longer in the log
 * (or no longer included) after a re-import.
 */
public record Screening(String flowJson, String importedAt, String importedBy, List<LogRow> log, Map<String, Review> reviews)
{
    public Screening
    {
        requireNonNull(flowJson, "flowJson is null");
        log = List.copyOf(requireNonNull(log, "log is null"));
        reviews = Map.copyOf(requireNonNull(reviews, "reviews is null"));
    }

    public Optional<Review> findReview(String patientId)
    {
        return Optional.ofNullable(reviews.get(patientId));
    }

    /** Reviews whose patient is not an included patient of the current log. */
    public List<Review> reviewsOfPatientsNotIncluded()
    {
        return reviews.values().stream()
                .filter(review -> log.stream().noneMatch(row -> row.included() && row.patientId().equals(review.patientId())))
                .sorted(Comparator.comparing(Review::patientId))
                .toList();
    }
}

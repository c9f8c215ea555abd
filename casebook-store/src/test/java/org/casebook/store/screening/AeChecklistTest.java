package org.casebook.store.screening;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.store.screening.Answer.NO;
import static org.casebook.store.screening.Answer.UNKNOWN;
import static org.casebook.store.screening.Answer.YES;

/** The built-in checklist (data) and the rules tying a decision to its answers. */
class AeChecklistTest
{
    private static final AeChecklist CHECKLIST = AeChecklist.builtIn();

    /** Answers for the four items in file order: RA-ILD, acute worsening, new bilateral opacities (CT), not cardiac. */
    static Map<String, Answer> answers(Answer raIld, Answer acute, Answer ct, Answer notCardiac)
    {
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("ra_ild", raIld);
        answers.put("acute_worsening", acute);
        answers.put("new_bilateral_opacities", ct);
        answers.put("not_cardiac_or_fluid", notCardiac);
        return answers;
    }

    @Test
    void builtInChecklistHasTheFourCollardCriteriaWithTheCtItemMarked()
    {
        assertThat(CHECKLIST.id()).isEqualTo("collard-2016-ra-ild");
        assertThat(CHECKLIST.items()).extracting(AeChecklist.Item::id)
                .containsExactly("ra_ild", "acute_worsening", "new_bilateral_opacities", "not_cardiac_or_fluid");
        assertThat(CHECKLIST.items()).filteredOn(AeChecklist.Item::ct).extracting(AeChecklist.Item::id).containsExactly("new_bilateral_opacities");
        assertThat(CHECKLIST.items().get(0).label()).contains("RA-ILD").contains("fibrotic ILD");
    }

    @Test
    void answersDetermineTheOneAllowedDecision()
    {
        assertThat(CHECKLIST.decisionFor(answers(YES, YES, YES, YES))).isEqualTo(ReviewDecision.CONFIRMED);
        assertThat(CHECKLIST.decisionFor(answers(YES, YES, UNKNOWN, YES))).isEqualTo(ReviewDecision.SUSPECTED);
        assertThat(CHECKLIST.decisionFor(answers(YES, YES, NO, YES))).isEqualTo(ReviewDecision.REJECTED);
        assertThat(CHECKLIST.decisionFor(answers(YES, UNKNOWN, YES, YES))).isEqualTo(ReviewDecision.REJECTED);
        assertThat(CHECKLIST.decisionFor(answers(NO, YES, UNKNOWN, YES))).isEqualTo(ReviewDecision.REJECTED);
    }

    @Nested
    class RefusedReviews
    {
        @Test
        void confirmWithAnItemAnsweredNo()
        {
            assertThat(CHECKLIST.problems(ReviewDecision.CONFIRMED, answers(YES, YES, YES, NO), "cardiac"))
                    .containsOnlyKeys("decision")
                    .hasEntrySatisfying("decision", message -> assertThat(message).contains("rejected, not confirmed AE").contains("not_cardiac_or_fluid is no"));
        }

        @Test
        void confirmWithTheCtItemUnknownIsOnlySuspected()
        {
            assertThat(CHECKLIST.problems(ReviewDecision.CONFIRMED, answers(YES, YES, UNKNOWN, YES), "no CT"))
                    .hasEntrySatisfying("decision", message -> assertThat(message).contains("suspected AE").contains("(a CT item)"));
        }

        @Test
        void rejectWhenEveryCriterionIsYes()
        {
            assertThat(CHECKLIST.problems(ReviewDecision.REJECTED, answers(YES, YES, YES, YES), "no"))
                    .hasEntrySatisfying("decision", message -> assertThat(message).contains("every criterion is answered yes"));
        }

        @Test
        void missingReasonDecisionAndAnswersAreAllReported()
        {
            Map<String, Answer> partial = answers(YES, YES, YES, YES);
            partial.remove("acute_worsening");
            partial.put("fever", YES);
            assertThat(CHECKLIST.problems(null, partial, "  "))
                    .containsOnlyKeys("reason", "decision", "answers.acute_worsening", "answers.fever");
        }
    }
}

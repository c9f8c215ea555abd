package org.casebook.store.cases;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Patient ids sort as people count: P2 before P10, leading zeros ignored, letters by alphabet. */
class RecordStatusOrderTest
{
    @Test
    void patientIdsSortByTheirNumbers()
    {
        List<String> ids = new ArrayList<>(List.of("P10", "p3", "P2", "Q1", "P007", "P1", "P01a", "P100", "A", "P"));
        ids.sort(RecordStatus::naturalOrder);
        assertThat(ids).containsExactly("A", "P", "P1", "P01a", "P2", "p3", "P007", "P10", "P100", "Q1");
    }
}

package org.casebook.ctscore;

/**
 * The six HRCT attenuation patterns of the Ichikado score with their points (Ichikado et al.,
 * Radiology 2006). The column name is the case workbook's {@code ct_reads} column.
 */
public enum IchikadoPattern
{
    NORMAL("normal", "Normal", 1, Component.NORMAL),
    GROUND_GLASS("ggo", "Ground glass", 2, Component.NON_FIBROTIC),
    CONSOLIDATION("consolidation", "Consolidation", 3, Component.NON_FIBROTIC),
    GROUND_GLASS_WITH_TRACTION("ggo_traction", "Ground glass with traction bronchiectasis", 4, Component.FIBROTIC),
    CONSOLIDATION_WITH_TRACTION("consolidation_traction", "Consolidation with traction bronchiectasis", 5, Component.FIBROTIC),
    HONEYCOMBING("honeycombing", "Honeycombing", 6, Component.FIBROTIC);

    /**
     * Ichikado's ARDS work counts traction bronchiectasis in GGA or consolidation as
     * fibroproliferative, hence points 4–6 are the fibrotic component.
     */
    public enum Component
    {
        NORMAL("ct_normal"), NON_FIBROTIC("ct_nonfibrotic"), FIBROTIC("ct_fibrotic");

        private final String variable;

        Component(String variable)
        {
            this.variable = variable;
        }

        /** Name of the component in results ({@code ct_fibrotic}, …). */
        public String variable()
        {
            return variable;
        }
    }

    private final String column;
    private final String label;
    private final int points;
    private final Component component;

    IchikadoPattern(String column, String label, int points, Component component)
    {
        this.column = column;
        this.label = label;
        this.points = points;
        this.component = component;
    }

    public String column()
    {
        return column;
    }

    /** What the reader sees: {@code Ground glass with traction bronchiectasis}. */
    public String label()
    {
        return label;
    }

    public int points()
    {
        return points;
    }

    public Component component()
    {
        return component;
    }
}

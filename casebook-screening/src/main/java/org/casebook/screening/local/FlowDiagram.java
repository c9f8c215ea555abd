package org.casebook.screening.local;

import java.util.List;

/** The screening flow as an SVG diagram: one box per step with its count, exclusions to the side. */
final class FlowDiagram
{
    private FlowDiagram() {}

    static String svg(Flow flow, List<String> criterionIds)
    {
        int boxes = criterionIds.size() + 1;
        int height = 40 + boxes * 90;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"14\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        long previous = flow.patientsInExtract;
        box(svg, 0, "Patients in the extract", previous);
        long current = flow.withIndexAdmission;
        box(svg, 1, "With an index admission (" + criterionIds.get(0) + ")", current);
        for (int index = 1; index < criterionIds.size(); index++) {
            String id = criterionIds.get(index);
            long next = flow.afterCriterion.getOrDefault(id, 0L);
            String label = index == criterionIds.size() - 1 ? "Included (after " + id + ")" : "After " + id;
            box(svg, index + 1, label, next);
            int y = 40 + index * 90 + 25;
            svg.append("<text x=\"380\" y=\"").append(y + 50).append("\">Excluded, no ").append(escape(id)).append(": ")
                    .append(flow.excludedByReason.getOrDefault(id, 0L)).append("</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void box(StringBuilder svg, int row, String label, long count)
    {
        int y = 20 + row * 90;
        svg.append("<rect x=\"20\" y=\"").append(y).append("\" width=\"340\" height=\"50\" fill=\"#eef3fb\" stroke=\"#345\"/>\n");
        svg.append("<text x=\"30\" y=\"").append(y + 22).append("\">").append(escape(label)).append("</text>\n");
        svg.append("<text x=\"30\" y=\"").append(y + 42).append("\" font-weight=\"bold\">n = ").append(count).append("</text>\n");
        if (row > 0) {
            svg.append("<line x1=\"190\" y1=\"").append(y - 40).append("\" x2=\"190\" y2=\"").append(y).append("\" stroke=\"#345\"/>\n");
        }
    }

    private static String escape(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

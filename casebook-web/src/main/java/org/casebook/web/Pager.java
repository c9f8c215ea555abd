package org.casebook.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links under a long list: previous, first, a few pages around the current one, last, next;
 * each keeps the list's other parameters (search, filter, sort, size). {@code param} names the
 * page parameter, so that two lists on one page page apart.
 */
public record Pager(int page, int pages, int matching, List<Link> links)
{
    /** One link: its text, its address (null for the current page: not a link) and a label for screen readers. */
    public record Link(String text, String url, String label) {}

    public static Pager of(String path, Map<String, String> parameters, String param, int page, int pages, int matching)
    {
        List<Link> links = new ArrayList<>();
        if (pages > 1) {
            if (page > 1) {
                links.add(link(path, parameters, param, page - 1, "‹ previous", "previous page"));
            }
            int from = Math.max(1, page - 3);
            int to = Math.min(pages, page + 3);
            if (from > 1) {
                links.add(link(path, parameters, param, 1, "1", "page 1"));
                if (from > 2) {
                    links.add(new Link("…", null, null));
                }
            }
            for (int i = from; i <= to; i++) {
                links.add(i == page ? new Link(Integer.toString(i), null, "page " + i + ", this page") : link(path, parameters, param, i, Integer.toString(i), "page " + i));
            }
            if (to < pages) {
                if (to < pages - 1) {
                    links.add(new Link("…", null, null));
                }
                links.add(link(path, parameters, param, pages, Integer.toString(pages), "page " + pages));
            }
            if (page < pages) {
                links.add(link(path, parameters, param, page + 1, "next ›", "next page"));
            }
        }
        return new Pager(page, pages, matching, List.copyOf(links));
    }

    private static Link link(String path, Map<String, String> parameters, String param, int page, String text, String label)
    {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty() && !name.equals(param)) {
                builder.queryParam(name, value);
            }
        });
        builder.queryParam(param, page);
        return new Link(text, builder.encode().build().toUriString(), label);
    }
}

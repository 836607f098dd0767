package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /model-serving?page.page&page.pageSize&page.sort&page.search}. The Swagger says search supports
 * "fuzzy, exact and advanced" matching without the syntax, so the simulator picks: a plain keyword matches a
 * substring of the name (ignoring case); {@code field=value[,field=value]} matches those fields exactly (name,
 * status, region, paymentMethods, modelId). {@code page.pageSize} -1 lists all, 0 means the default (10).
 * {@code page.sort} is {@code field} or {@code field desc} (also {@code -field}); the default is newest first.
 */
final class DRunListQuery {
    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final Set<String> SEARCHABLE = Set.of("name", "status", "region", "paymentMethods", "modelId");

    private final DRunStore store;
    private final DRunViews views;

    DRunListQuery(DRunStore store, DRunViews views) {
        this.store = store;
        this.views = views;
    }

    ObjectNode run(SimRequest request) {
        int page = Math.max(1, integer(request, "page.page", 1));
        int pageSize = integer(request, "page.pageSize", DEFAULT_PAGE_SIZE);
        if (pageSize == 0) {
            pageSize = DEFAULT_PAGE_SIZE;
        }
        String search = request.query("page.search").orElse("");
        String sort = request.query("page.sort").orElse("");
        List<ObjectNode> items = new ArrayList<>(store.all().stream().map(views::modelServing).toList());
        items.removeIf(search(search).negate());
        if (sort.isBlank()) {
            Collections.reverse(items); // the store keeps creation order; the default is newest first
        } else {
            items.sort(order(sort));
        }
        int from = pageSize < 0 ? 0 : Math.min(items.size(), (page - 1) * pageSize);
        int to = pageSize < 0 ? items.size() : Math.min(items.size(), from + pageSize);
        ObjectNode reply = Json.object();
        ArrayNode array = reply.putArray("items");
        items.subList(from, to).forEach(array::add);
        ObjectNode pageInfo = reply.putObject("page");
        pageInfo.put("page", page);
        pageInfo.put("pageSize", pageSize);
        pageInfo.put("total", items.size());
        pageInfo.put("sort", sort);
        pageInfo.put("search", search);
        return reply;
    }

    private static Predicate<ObjectNode> search(String search) {
        if (search.isBlank()) {
            return item -> true;
        }
        if (!search.contains("=")) {
            String keyword = search.trim().toLowerCase(Locale.ROOT);
            return item -> item.path("name").asText().toLowerCase(Locale.ROOT).contains(keyword);
        }
        Predicate<ObjectNode> all = item -> true;
        for (String term : search.split(",")) {
            int eq = term.indexOf('=');
            String field = eq < 0 ? "" : term.substring(0, eq).trim();
            String value = eq < 0 ? "" : term.substring(eq + 1).trim();
            if (!SEARCHABLE.contains(field)) {
                throw DRunErrors.invalid("page.search cannot match on '" + field + "'");
            }
            all = all.and(item -> value.equals(item.path(field).asText()));
        }
        return all;
    }

    private static Comparator<ObjectNode> order(String sort) {
        String spec = sort.trim();
        boolean descending = spec.startsWith("-") || spec.toLowerCase(Locale.ROOT).matches(".*[ ,]desc$");
        String field = spec.replaceFirst("^-", "").replaceFirst("(?i)[ ,](asc|desc)$", "").trim();
        Comparator<ObjectNode> order = Comparator.comparing(item -> item.path(field).asText());
        return descending ? order.reversed() : order;
    }

    private static int integer(SimRequest request, String name, int fallback) {
        String raw = request.query(name).orElse("");
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw DRunErrors.invalid(name + " must be a number");
        }
    }
}

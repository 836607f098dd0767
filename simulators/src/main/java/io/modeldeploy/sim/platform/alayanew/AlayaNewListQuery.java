package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /deployment/list}: filters and paging of vendors.md §1. The docs do not say how each filter matches,
 * so the simulator picks: {@code name} matches a substring (a search box, so a provider must still compare names
 * exactly), the others match exactly ({@code status} and {@code model} ignoring case); {@code aidcId} and
 * {@code modelType} are accepted and ignored (the simulator has one data centre and no model catalogue). Newest first.
 */
final class AlayaNewListQuery {
    private static final int DEFAULT_SIZE = 10;
    private static final int MAX_SIZE = 100;

    private final AlayaNewStore store;
    private final AlayaNewViews views;

    AlayaNewListQuery(AlayaNewStore store, AlayaNewViews views) {
        this.store = store;
        this.views = views;
    }

    ObjectNode run(SimRequest request) {
        int page = positive(request, "page", 1);
        int size = positive(request, "size", DEFAULT_SIZE);
        if (size > MAX_SIZE) {
            throw InvalidBody.invalid("size must be at most " + MAX_SIZE);
        }
        Predicate<ObjectNode> filter = filter(request);
        List<AlayaDeployment> newestFirst = new ArrayList<>(store.all());
        Collections.reverse(newestFirst); // the store keeps creation order
        List<ObjectNode> matches = new ArrayList<>();
        for (AlayaDeployment deployment : newestFirst) {
            ObjectNode row = views.row(deployment);
            if (filter.test(row) && modeMatches(request, deployment) && extensionsMatch(request, deployment)) {
                matches.add(row);
            }
        }
        ObjectNode data = Json.object();
        data.put("count", matches.size());
        int from = Math.min(matches.size(), (page - 1) * size);
        int to = Math.min(matches.size(), from + size);
        ArrayNode rows = data.putArray("rows");
        matches.subList(from, to).forEach(rows::add);
        return data;
    }

    private static Predicate<ObjectNode> filter(SimRequest request) {
        Predicate<ObjectNode> filter = row -> true;
        for (String field : List.of("vksId", "namespace", "modelId")) {
            String wanted = request.query(field).orElse(null);
            if (wanted != null && !wanted.isEmpty()) {
                filter = filter.and(row -> wanted.equals(Json.text(row, field).orElse(null)));
            }
        }
        String name = request.query("name").orElse("");
        if (!name.isEmpty()) {
            filter = filter.and(row -> Json.text(row, "name").orElse("").contains(name));
        }
        String status = request.query("status").orElse("");
        if (!status.isEmpty()) {
            filter = filter.and(row -> status.equalsIgnoreCase(Json.text(row, "status").orElse("")));
        }
        return filter;
    }

    private static boolean modeMatches(SimRequest request, AlayaDeployment deployment) {
        String model = request.query("model").orElse("");
        return model.isEmpty() || deployment.mode.filterName.equals(model.toLowerCase(Locale.ROOT));
    }

    /** {@code extensions.<key>=<value>}: only Expert services carry extensions. */
    private static boolean extensionsMatch(SimRequest request, AlayaDeployment deployment) {
        for (Map.Entry<String, List<String>> param : request.queryParams().entrySet()) {
            if (!param.getKey().startsWith("extensions.")) {
                continue;
            }
            String key = param.getKey().substring("extensions.".length());
            String have = Json.object(deployment.spec, "extensions").flatMap(e -> Json.text(e, key)).orElse(null);
            if (have == null || !param.getValue().contains(have)) {
                return false;
            }
        }
        return true;
    }

    private static int positive(SimRequest request, String name, int fallback) {
        String raw = request.query(name).orElse("");
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < 1) {
                throw InvalidBody.invalid(name + " must be at least 1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw InvalidBody.invalid(name + " must be a number");
        }
    }
}

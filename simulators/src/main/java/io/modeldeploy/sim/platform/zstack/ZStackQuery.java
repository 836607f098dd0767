package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimRequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * ZStack's query API over a list of inventories: {@code q} conditions (operators as ZStack's RestServer lists them,
 * tried in its order so {@code !=} wins over {@code =}), {@code sort=+field|-field}, {@code start}, {@code limit},
 * {@code replyWithCount} and {@code count}; {@code GET …/{uuid}} is a query on {@code uuid=}. Conditions apply to
 * top-level fields only. A malformed query is a 400 with plain text, as RestServer answers it.
 */
final class ZStackQuery {
    private static final List<String> OPERATORS =
            List.of("!=", ">=", "<=", "!?=", "!~=", "~=", "?=", "=", ">", "<", "is null", "not null");

    private ZStackQuery() {
    }

    /** The reply body of a query over {@code inventories}. */
    static ObjectNode run(SimRequest request, Optional<String> uuid, List<ObjectNode> inventories) {
        Predicate<ObjectNode> filter = uuid.<Predicate<ObjectNode>>map(u -> inv -> u.equals(text(inv, "uuid")))
                .orElse(inv -> true);
        if (uuid.isEmpty()) {
            for (String condition : request.queryAll("q")) {
                filter = filter.and(parse(condition));
            }
        }
        List<ObjectNode> matches = new ArrayList<>(inventories.stream().filter(filter).toList());
        sort(request, matches);
        ObjectNode reply = Json.object();
        if (bool(request, "count")) {
            reply.put("total", matches.size());
            return reply;
        }
        int start = integer(request, "start", 0);
        int limit = integer(request, "limit", Integer.MAX_VALUE);
        ArrayNode page = reply.putArray("inventories");
        matches.stream().skip(start).limit(limit).forEach(page::add);
        if (bool(request, "replyWithCount")) {
            reply.put("total", matches.size());
        }
        return reply;
    }

    private static Predicate<ObjectNode> parse(String condition) {
        for (String op : OPERATORS) {
            int at = condition.indexOf(op);
            if (at < 0) {
                continue;
            }
            String field = condition.substring(0, at).trim();
            String value = condition.substring(at + op.length());
            return inventory -> matches(op, text(inventory, field), value);
        }
        throw ZStackErrors.plain(400, "Invalid query parameter. The '" + condition
                + "' in the parameter[q] doesn't contain any query operator. Valid query operators are " + OPERATORS);
    }

    private static boolean matches(String op, String actual, String value) {
        return switch (op) {
            case "=" -> value.equals(actual);
            case "!=" -> !value.equals(actual);
            case "?=" -> actual != null && List.of(value.split(",")).contains(actual);
            case "!?=" -> actual == null || !List.of(value.split(",")).contains(actual);
            case "~=" -> actual != null && like(value).matcher(actual).matches();
            case "!~=" -> actual == null || !like(value).matcher(actual).matches();
            case "is null" -> actual == null;
            case "not null" -> actual != null;
            default -> actual != null && compare(actual, value, op);
        };
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character. */
    private static Pattern like(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static boolean compare(String actual, String value, String op) {
        int order;
        try {
            order = new BigDecimal(actual).compareTo(new BigDecimal(value));
        } catch (NumberFormatException notNumbers) {
            order = actual.compareTo(value);
        }
        return switch (op) {
            case ">" -> order > 0;
            case "<" -> order < 0;
            case ">=" -> order >= 0;
            default -> order <= 0;
        };
    }

    private static void sort(SimRequest request, List<ObjectNode> inventories) {
        Optional<String> sort = request.query("sort");
        if (sort.isEmpty() || sort.get().isBlank()) {
            return;
        }
        String spec = sort.get().trim();
        boolean descending = spec.startsWith("-");
        String field = spec.replaceFirst("^[+-]", "");
        Comparator<ObjectNode> order = Comparator.comparing(inv -> String.valueOf(text(inv, field)));
        inventories.sort(descending ? order.reversed() : order);
    }

    private static String text(ObjectNode inventory, String field) {
        JsonNode value = inventory.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static boolean bool(SimRequest request, String name) {
        return Boolean.parseBoolean(request.query(name).orElse("false"));
    }

    private static int integer(SimRequest request, String name, int fallback) {
        Optional<String> raw = request.query(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            throw ZStackErrors.plain(400, "Invalid query parameter. '" + name + "' must be an integer");
        }
    }
}

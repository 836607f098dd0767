package io.modeldeploy.sim.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a simulator received, kept for tests: what was sent (credentials included, so tests can check
 * them; this stays in memory and is never logged) and what was answered.
 *
 * @param receivedAt when it arrived, before it was answered (so a client that waited after the answer shows a gap
 *                   at least as long between this and its next request)
 * @param operation  the simulator's name for the call (see each simulator), or {@code "unmatched"}
 * @param headers    names case-insensitive
 */
public record RecordedRequest(Instant receivedAt, String operation, String method, String path, String rawQuery,
                              Map<String, List<String>> headers, String body, int status) {

    /**
     * Whether the request names {@code text} in its path, its decoded query or its body: how a test picks out the
     * requests about one vendor service (by its name or id) from those of every other deployment on the simulator.
     */
    public boolean mentions(String text) {
        return path.contains(text) || (rawQuery != null && URLDecoder.decode(rawQuery, StandardCharsets.UTF_8).contains(text))
                || (body != null && body.contains(text));
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}

package io.modeldeploy.sim.platform.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a simulator received, kept for tests: what was sent (credentials included, so tests can check
 * them; this stays in memory and is never logged) and what was answered.
 *
 * @param operation the simulator's name for the call (see each simulator), or {@code "unmatched"}
 * @param headers   names case-insensitive
 */
public record RecordedRequest(Instant receivedAt, String operation, String method, String path, String rawQuery,
                              Map<String, List<String>> headers, String body, int status) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}

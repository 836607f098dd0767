package io.modeldeploy.sim.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which argument table a given engine release is checked against: the known release line at or below
 * it (0.9.0.1 and 0.9.2 are checked against the 0.9 table, 0.10 too until its own is written down). A release older than every
 * known line gets the oldest, and one whose tag names no release ({@code latest}, a digest) the newest, as
 * the nearest guesses; both are guesses, and the tables' own docs say what each line really declares.
 */
final class EngineArgTables {
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    private record Line(int major, int minor, ArgTable table) {
        boolean atOrBelow(int[] release) {
            return major < release[0] || major == release[0] && minor <= release[1];
        }
    }

    /** Oldest first. */
    private static final Map<EngineKind, List<Line>> LINES = Map.of(
            EngineKind.VLLM, List.of(new Line(0, 8, VllmArgs.V0_8), new Line(0, 9, VllmArgs.V0_9)),
            EngineKind.SGLANG, List.of(new Line(0, 4, SglangArgs.V0_4), new Line(0, 5, SglangArgs.V0_5)));

    private EngineArgTables() {
    }

    static ArgTable of(EngineKind kind, String version) {
        List<Line> lines = LINES.get(kind);
        Optional<int[]> release = release(version);
        if (release.isEmpty()) {
            return lines.get(lines.size() - 1).table();
        }
        Line chosen = lines.get(0);
        for (Line line : lines) {
            if (line.atOrBelow(release.get())) {
                chosen = line;
            }
        }
        return chosen.table();
    }

    /** {@code 0.9.0.1} -> [0, 9]; empty when the tag does not start with a release number. */
    private static Optional<int[]> release(String version) {
        Matcher m = RELEASE.matcher(version == null ? "" : version);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
    }
}

package io.modeldeploy.operator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engine command-line flags as an ordered map {@code --flag -> values}, so that a user's
 * {@code backendArgs} can replace a flag the operator sets instead of passing it twice (engines keep
 * the last occurrence, or refuse duplicates, depending on the flag).
 */
public final class EngineArgs {
    private final Map<String, List<String>> flags = new LinkedHashMap<>();

    public EngineArgs set(String flag, String... values) {
        flags.put(flag, List.of(values));
        return this;
    }

    public EngineArgs set(String flag, List<String> values) {
        flags.put(flag, List.copyOf(values));
        return this;
    }

    /** Appends the user's flags; each flag the user names replaces the operator's value of it. */
    public EngineArgs overrideWith(List<String> userArgs) {
        parse(userArgs).forEach((flag, values) -> {
            flags.remove(flag);
            flags.put(flag, values);
        });
        return this;
    }

    public Optional<String> value(String flag) {
        List<String> values = flags.get(flag);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean has(String flag) {
        return flags.containsKey(flag);
    }

    /** Positional tokens (kept under the empty key) come first, then every flag with its values. */
    public List<String> toList() {
        List<String> out = new ArrayList<>(flags.getOrDefault("", List.of()));
        flags.forEach((flag, values) -> {
            if (!flag.isEmpty()) {
                out.add(flag);
                out.addAll(values);
            }
        });
        return out;
    }

    /**
     * Splits {@code ["--a=1", "--b", "x", "y", "--c"]} into {@code {--a:[1], --b:[x, y], --c:[]}}.
     * Tokens before the first flag are kept under the empty key so nothing the user wrote is lost.
     */
    public static Map<String, List<String>> parse(List<String> args) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        String current = "";
        for (String token : args == null ? List.<String>of() : args) {
            if (isFlag(token)) {
                int eq = token.indexOf('=');
                current = eq < 0 ? token : token.substring(0, eq);
                List<String> values = new ArrayList<>();
                if (eq >= 0) {
                    values.add(token.substring(eq + 1));
                }
                parsed.put(current, values);
            } else {
                parsed.computeIfAbsent(current, k -> new ArrayList<>()).add(token);
            }
        }
        return parsed;
    }

    /** A flag starts with "-" followed by a letter ("-tp", "--port"); "-1" is a negative value. */
    static boolean isFlag(String token) {
        return token.length() > 1 && token.charAt(0) == '-' && (Character.isLetter(token.charAt(1)) || token.charAt(1) == '-');
    }
}

package io.modeldeploy.sim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's command-line flags, read the way both engines' argparse setups read them: {@code --flag value}
 * and {@code --flag=value}; a flag takes every following word up to the next flag (so multi-value flags such
 * as {@code --lora-modules a=/x b=/y} work); a bare flag is a boolean and {@code --no-flag} turns it off; the
 * last occurrence of a flag wins. Words before the first flag are positionals ({@code vllm serve <model>}).
 * Flag names are kept without their leading dashes, so {@code -tp} and {@code --tp} are the same name.
 * This only reads values: whether the engine accepts the command line at all is {@link Argparse}'s call,
 * made first, against the engine release's own option table.
 */
final class EngineFlags {
    private record Occurrence(int position, List<String> values) {
    }

    private final List<String> positionals = new ArrayList<>();
    private final Map<String, Occurrence> flags = new HashMap<>();
    private final Map<String, Integer> negated = new HashMap<>();

    /**
     * @param underscoresAsDashes vLLM accepts {@code --max_loras} for {@code --max-loras}; SGLang does not
     */
    static EngineFlags parse(List<String> words, boolean underscoresAsDashes) {
        EngineFlags parsed = new EngineFlags();
        List<String> current = parsed.positionals;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!isFlag(word)) {
                current.add(word);
                continue;
            }
            String name = word.replaceFirst("^-+", "");
            String inlineValue = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inlineValue = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (underscoresAsDashes) {
                name = name.replace('_', '-');
            }
            List<String> values = new ArrayList<>();
            parsed.flags.put(name, new Occurrence(i, values));
            if (name.startsWith("no-")) {
                parsed.negated.put(name.substring(3), i);
            }
            if (inlineValue != null) {
                values.add(inlineValue);
                current = new ArrayList<>(); // words after --flag=value are strays, as argparse sees them
            } else {
                current = values;
            }
        }
        return parsed;
    }

    /** A word is a flag when it starts with a dash followed by a letter or a dash ({@code -1} is a value). */
    static boolean isFlag(String word) {
        return word.length() > 1 && word.charAt(0) == '-'
                && (Character.isLetter(word.charAt(1)) || (word.charAt(1) == '-' && word.length() > 2));
    }

    List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** All values of the flag's last occurrence, over its aliases. */
    List<String> values(String... aliases) {
        return latest(aliases).map(o -> List.copyOf(o.values())).orElse(List.of());
    }

    Optional<String> value(String... aliases) {
        return latest(aliases).flatMap(o -> o.values().stream().findFirst());
    }

    int intValue(int fallback, String... aliases) {
        Optional<String> raw = value(aliases);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument --" + aliases[0] + ": invalid int value: '" + raw.get() + "'");
        }
    }

    /** A boolean flag: set when present (unless given a false-looking value) and not negated later. */
    boolean isSet(String... aliases) {
        Optional<Occurrence> occurrence = latest(aliases);
        if (occurrence.isEmpty()) {
            return false;
        }
        for (String alias : aliases) {
            Integer negatedAt = negated.get(alias);
            if (negatedAt != null && negatedAt > occurrence.get().position()) {
                return false;
            }
        }
        List<String> values = occurrence.get().values();
        return values.isEmpty() || !List.of("false", "0", "no").contains(values.get(0).toLowerCase(Locale.ROOT));
    }

    private Optional<Occurrence> latest(String... aliases) {
        Occurrence best = null;
        for (String alias : aliases) {
            Occurrence o = flags.get(alias);
            if (o != null && (best == null || o.position() > best.position())) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }
}

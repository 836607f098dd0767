package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.engine.ArgOption.Arity;
import io.modeldeploy.sim.engine.ArgOption.Kind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a command line the way Python's {@code argparse.ArgumentParser.parse_args} does for an
 * {@link ArgTable}, refusing it with argparse's own messages: unknown options (and the strays after them)
 * as {@code unrecognized arguments: ...}, values of the wrong type or outside the choices, missing values,
 * ambiguous abbreviations and missing required options. Long options may be abbreviated to any unique
 * prefix, as argparse allows by default. Only acceptance is decided here; {@link EngineFlags} reads values.
 */
final class Argparse {
    private static final Pattern PY_INT = Pattern.compile("[+-]?\\d+(_\\d+)*");
    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?((\\d+(_\\d+)*)?\\.?\\d+(_\\d+)*([eE][+-]?\\d+)?|\\d+\\.|inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d+$|-\\d*\\.\\d+$");
    /** vLLM's human_readable_int: a plain int, or decimal units (k, m, g, t) or binary units (K, M, G, T). */
    private static final Pattern HUMAN_READABLE = Pattern.compile("\\d+(\\.\\d+)?[kmgt]|\\d+[KMGT]");

    private final String prog;
    private final ArgTable table;
    private final int positionalSlots;

    /**
     * @param prog            how the engine names itself in errors ({@code api_server.py}, {@code launch_server.py})
     * @param positionalSlots positionals the parser takes ({@code vllm serve <model>}: 1; the module forms: 0)
     */
    Argparse(String prog, ArgTable table, int positionalSlots) {
        this.prog = prog;
        this.table = table;
        this.positionalSlots = positionalSlots;
    }

    /** @throws EngineArgumentError as argparse would exit on these words */
    void check(List<String> words) {
        List<String> args = table.underscoresAsDashes() ? dashed(words) : words;
        List<String> extras = new ArrayList<>();
        Set<ArgOption> seen = new HashSet<>();
        int positionals = 0;
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i);
            Optional<Match> match = classify(word);
            if (match.isEmpty()) {
                if (positionals < positionalSlots) {
                    positionals++;
                } else {
                    extras.add(word);
                }
                i++;
            } else if (match.get().option() == null) {
                extras.add(word);
                i++;
            } else {
                seen.add(match.get().option());
                i = consume(match.get().option(), match.get().explicit(), args, i + 1);
            }
        }
        List<String> missing = table.required().stream().filter(o -> !seen.contains(o))
                .map(ArgOption::displayName).toList();
        if (!missing.isEmpty()) {
            throw error("the following arguments are required: " + String.join(", ", missing));
        }
        if (!extras.isEmpty()) {
            throw error("unrecognized arguments: " + String.join(" ", extras));
        }
    }

    /** Takes the option's values from {@code from} on; returns the index after them. */
    private int consume(ArgOption option, String explicit, List<String> args, int from) {
        if (explicit != null) {
            if (option.arity() == Arity.NONE) {
                throw error("argument " + option.displayName() + ": ignored explicit argument '" + explicit + "'");
            }
            convert(option, explicit);
            return from;
        }
        int end = from;
        while (end < args.size() && classify(args.get(end)).isEmpty()) {
            end++;
        }
        int available = end - from;
        int take = switch (option.arity()) {
            case NONE -> 0;
            case ONE -> 1;
            case OPTIONAL -> Math.min(1, available);
            case AT_LEAST_ONE, ANY -> available;
        };
        if (option.arity() == Arity.ONE && available < 1) {
            throw error("argument " + option.displayName() + ": expected one argument");
        }
        if (option.arity() == Arity.AT_LEAST_ONE && available < 1) {
            throw error("argument " + option.displayName() + ": expected at least one argument");
        }
        for (String value : args.subList(from, from + take)) {
            convert(option, value);
        }
        return from + take;
    }

    private void convert(ArgOption option, String value) {
        String argument = "argument " + option.displayName() + ": ";
        String trimmed = value.strip();
        boolean valid = switch (option.kind()) {
            case SWITCH, NEGATABLE_SWITCH, TEXT -> true;
            case INT -> PY_INT.matcher(trimmed).matches();
            case FLOAT -> PY_FLOAT.matcher(trimmed).matches();
            case HUMAN_READABLE_INT -> PY_INT.matcher(trimmed).matches() || HUMAN_READABLE.matcher(trimmed).matches();
            case OPTIONAL_INT -> {
                if (value.isEmpty() || value.equals("None") || PY_INT.matcher(trimmed).matches()) {
                    yield true;
                }
                // vLLM's optional_int raises ArgumentTypeError, whose text argparse shows as it is
                throw error(argument + "Value " + value + " cannot be converted to <class 'int'>.");
            }
        };
        if (!valid) {
            throw error(argument + "invalid " + option.kind().pythonType() + " value: '" + value + "'");
        }
        if (!option.choices().isEmpty()) {
            String canonical = option.kind() == Kind.INT ? Long.toString(Long.parseLong(trimmed.replace("_", "")))
                    : value;
            if (!option.choices().contains(canonical)) {
                throw error(argument + "invalid choice: " + repr(option, canonical) + " (choose from "
                        + option.choices().stream().map(c -> repr(option, c)).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** An option word: the option it names (null when unknown) and the value given with '=', if any. */
    private record Match(ArgOption option, String explicit) {
    }

    /**
     * argparse's {@code _parse_optional}: empty for a positional word (no leading dash, a lone dash, a negative
     * number, or an unknown word with a space in it); otherwise the option named exactly, with {@code =value},
     * or by a unique prefix of a long option string.
     */
    private Optional<Match> classify(String word) {
        if (word.length() < 2 || word.charAt(0) != '-') {
            return Optional.empty();
        }
        ArgOption exact = table.option(word);
        if (exact != null) {
            return Optional.of(new Match(exact, null));
        }
        int eq = word.indexOf('=');
        String name = eq > 0 ? word.substring(0, eq) : word;
        String explicit = eq > 0 ? word.substring(eq + 1) : null;
        if (table.option(name) != null) {
            return Optional.of(new Match(table.option(name), explicit));
        }
        if (name.startsWith("--")) {
            List<String> candidates = table.names().stream().filter(n -> n.startsWith(name)).toList();
            if (candidates.size() > 1) {
                throw error("ambiguous option: " + name + " could match " + String.join(", ", candidates));
            }
            if (candidates.size() == 1) {
                return Optional.of(new Match(table.option(candidates.get(0)), explicit));
            }
        }
        if (NEGATIVE_NUMBER.matcher(word).matches() || word.contains(" ")) {
            return Optional.empty();
        }
        return Optional.of(new Match(null, null));
    }

    /** vLLM's FlexibleArgumentParser: {@code --max_loras=2} is read as {@code --max-loras=2}. */
    private static List<String> dashed(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String word : words) {
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                String key = eq < 0 ? word : word.substring(0, eq);
                out.add(key.replace('_', '-') + (eq < 0 ? "" : word.substring(eq)));
            } else {
                out.add(word);
            }
        }
        return out;
    }

    private static String repr(ArgOption option, String value) {
        return option.kind() == Kind.INT ? value : "'" + value + "'";
    }

    private EngineArgumentError error(String message) {
        return new EngineArgumentError(prog, message);
    }
}

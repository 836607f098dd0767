package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.engine.ArgOption.Arity;
import io.modeldeploy.sim.engine.ArgOption.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional arguments one engine version's parser declares, written as data ({@link VllmArgs},
 * {@link SglangArgs}), looked up by option string. Building methods read like the {@code add_argument}
 * calls they stand for: {@code integer("--port")} is {@code add_argument("--port", type=int)}.
 */
final class ArgTable {
    private final Map<String, ArgOption> byName = new LinkedHashMap<>();
    /** vLLM's FlexibleArgumentParser turns {@code --max_loras} into {@code --max-loras}; plain argparse does not. */
    private final boolean underscoresAsDashes;

    ArgTable(boolean underscoresAsDashes) {
        this.underscoresAsDashes = underscoresAsDashes;
    }

    boolean underscoresAsDashes() {
        return underscoresAsDashes;
    }

    /** The option declared with this exact option string, or null. */
    ArgOption option(String name) {
        return byName.get(name);
    }

    /** Every option string, in declaration order (for abbreviation look-ups and tests). */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }


    /** {@code action='store_true'}. */
    ArgTable flag(String... names) {
        return add(new ArgOption(List.of(names), Kind.SWITCH, Arity.NONE, List.of(), false));
    }

    /** {@code action=argparse.BooleanOptionalAction}: also declares {@code --no-<name>}. */
    ArgTable negatable(String name) {
        return add(new ArgOption(List.of(name, "--no-" + name.substring(2)), Kind.NEGATABLE_SWITCH, Arity.NONE,
                List.of(), false));
    }

    /** {@code type=str} (or any type that takes every string). */
    ArgTable text(String... names) {
        return add(new ArgOption(List.of(names), Kind.TEXT, Arity.ONE, List.of(), false));
    }

    ArgTable integer(String... names) {
        return add(new ArgOption(List.of(names), Kind.INT, Arity.ONE, List.of(), false));
    }

    ArgTable decimal(String... names) {
        return add(new ArgOption(List.of(names), Kind.FLOAT, Arity.ONE, List.of(), false));
    }

    ArgTable optionalInt(String... names) {
        return add(new ArgOption(List.of(names), Kind.OPTIONAL_INT, Arity.ONE, List.of(), false));
    }

    ArgTable humanReadableInt(String name) {
        return add(new ArgOption(List.of(name), Kind.HUMAN_READABLE_INT, Arity.ONE, List.of(), false));
    }

    /** {@code type=str, choices=[...]}. */
    ArgTable choice(String name, String... choices) {
        return add(new ArgOption(List.of(name), Kind.TEXT, Arity.ONE, List.of(choices), false));
    }

    /** {@code type=int, choices=[...]}. */
    ArgTable intChoice(String name, int... choices) {
        return add(new ArgOption(List.of(name), Kind.INT, Arity.ONE,
                Arrays.stream(choices).mapToObj(Integer::toString).toList(), false));
    }

    /** {@code nargs='+'} of strings. */
    ArgTable atLeastOne(String name) {
        return add(new ArgOption(List.of(name), Kind.TEXT, Arity.AT_LEAST_ONE, List.of(), false));
    }

    /** {@code nargs='+'} of one kind. */
    ArgTable atLeastOne(String name, Kind kind) {
        return add(new ArgOption(List.of(name), kind, Arity.AT_LEAST_ONE, List.of(), false));
    }

    /** {@code nargs='*'} of strings, optionally restricted to choices. */
    ArgTable any(String name, String... choices) {
        return add(new ArgOption(List.of(name), Kind.TEXT, Arity.ANY, List.of(choices), false));
    }

    /** {@code nargs='?'}. */
    ArgTable optionalValue(String name, Kind kind) {
        return add(new ArgOption(List.of(name), kind, Arity.OPTIONAL, List.of(), false));
    }

    /** {@code required=True} on a string option. */
    ArgTable requiredText(String... names) {
        return add(new ArgOption(List.of(names), Kind.TEXT, Arity.ONE, List.of(), true));
    }

    /** Options argparse must see, for the "the following arguments are required" check. */
    List<ArgOption> required() {
        List<ArgOption> out = new ArrayList<>();
        byName.values().stream().distinct().filter(ArgOption::required).forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    private ArgTable add(ArgOption option) {
        for (String name : option.names()) {
            if (byName.putIfAbsent(name, option) != null) {
                // argparse itself refuses a second add_argument with the same option string
                throw new IllegalStateException("conflicting option string: " + name);
            }
        }
        return this;
    }
}

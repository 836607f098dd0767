package io.modeldeploy.sim.engine;

import java.util.List;

/**
 * One optional argument as an engine's argparse parser declares it: its option strings, how many words it
 * takes and what kind of value each word must be. Only what decides whether argparse accepts a command line
 * is kept (no defaults, no help).
 *
 * @param names    the option strings, first one as argparse names the argument in its errors
 *                 ({@code --tensor-parallel-size}, {@code -tp})
 * @param kind     what each value must parse as
 * @param arity    how many values follow the option
 * @param choices  the allowed values after conversion, in their Python spelling; empty when any value goes
 * @param required whether argparse refuses a command line without it ({@code required=True})
 */
record ArgOption(List<String> names, Kind kind, Arity arity, List<String> choices, boolean required) {

    /** The value kinds the engines' parsers use, with the name argparse puts in {@code invalid <name> value}. */
    enum Kind {
        /** {@code action='store_true'}: no value. */
        SWITCH(null),
        /** {@code argparse.BooleanOptionalAction}: no value, and {@code --no-<name>} exists too. */
        NEGATABLE_SWITCH(null),
        TEXT(null),
        INT("int"),
        FLOAT("float"),
        /** vLLM's {@code optional_int}: an int, or {@code ""}/{@code "None"}; another message when refused. */
        OPTIONAL_INT("int"),
        /** vLLM's {@code human_readable_int} for {@code --max-model-len}: {@code 4096}, {@code 1k}, {@code 1K}. */
        HUMAN_READABLE_INT("human_readable_int");

        private final String pythonType;

        Kind(String pythonType) {
            this.pythonType = pythonType;
        }

        String pythonType() {
            return pythonType;
        }

        boolean takesNoValue() {
            return this == SWITCH || this == NEGATABLE_SWITCH;
        }
    }

    /** argparse's {@code nargs}: one value (None), {@code '?'}, {@code '+'} or {@code '*'}. */
    enum Arity {
        NONE, ONE, OPTIONAL, AT_LEAST_ONE, ANY
    }

    ArgOption {
        names = List.copyOf(names);
        choices = List.copyOf(choices);
        if (kind.takesNoValue() != (arity == Arity.NONE)) {
            throw new IllegalArgumentException("switches and only switches take no value: " + names);
        }
    }

    /** How argparse names the argument in an error: its option strings joined by '/'. */
    String displayName() {
        return String.join("/", names);
    }
}

package io.modeldeploy.sim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a {@code sh -c} script into words, the way a container's shell would for the simple scripts
 * pod specs carry: single and double quotes, backslash escapes, {@code $VAR} / {@code ${VAR}} expansion
 * from the container env, the positional parameters of {@code sh -c script $0 $1 ...} ({@code $0..$9},
 * {@code $#}, and {@code "$@"} / {@code $@} as one word per argument), and the control operators
 * {@code ; & && | ||} and newline (as {@code ;}) as words of their own (so an engine invocation can be
 * found inside {@code "pip install x && exec vllm serve ..."}). An expanded value is not split again;
 * a command substitution {@code $(...)} cannot run here and stays as its literal text; globbing,
 * sub-shells and redirections are not interpreted.
 */
final class ShellWords {
    static final List<String> OPERATORS = List.of(";", "&", "&&", "|", "||");

    private final String script;
    private final Map<String, String> env;
    /** {@code $0}, {@code $1}, ...: the words after the script in {@code sh -c script $0 $1 ...}. */
    private final List<String> positionals;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private int pos;

    private ShellWords(String script, Map<String, String> env, List<String> positionals) {
        this.script = script;
        this.env = env;
        this.positionals = positionals;
    }

    static List<String> split(String script, Map<String, String> env) {
        return split(script, env, List.of());
    }

    /** @param positionals {@code $0} first, then {@code $1}...: what follows the script in {@code sh -c script ...} */
    static List<String> split(String script, Map<String, String> env, List<String> positionals) {
        return new ShellWords(script, env, positionals).run();
    }

    private List<String> run() {
        while (pos < script.length()) {
            char c = script.charAt(pos++);
            if (c == '\\' && pos < script.length()) {
                char next = script.charAt(pos++);
                if (next != '\n') { // backslash-newline is a line continuation
                    append(next);
                }
            } else if (c == '\'') {
                int end = closing('\'');
                append(script.substring(pos, end));
                pos = end + 1;
            } else if (c == '"' && script.startsWith("$@\"", pos)) {
                pos += 3;
                appendArguments(); // "$@": one word per argument, none at all without arguments
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '$' && pos < script.length() && script.charAt(pos) == '@') {
                pos++;
                appendArguments();
            } else if (c == '$') {
                append(expand());
            } else if (c == '\n') {
                endWord();
                words.add(";"); // a newline ends a command as ';' does
            } else if (c == ';' || c == '&' || c == '|') {
                endWord();
                int start = pos - 1;
                while (pos < script.length() && pos - start < 2 && script.charAt(pos) == c && c != ';') {
                    pos++;
                }
                words.add(script.substring(start, pos));
            } else if (Character.isWhitespace(c)) {
                endWord();
            } else {
                append(c);
            }
        }
        endWord();
        return words;
    }

    private void doubleQuoted() {
        inWord = true;
        while (pos < script.length()) {
            char c = script.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c == '\\' && pos < script.length() && "\"\\$`".indexOf(script.charAt(pos)) >= 0) {
                word.append(script.charAt(pos++));
            } else if (c == '$') {
                word.append(expand());
            } else {
                word.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated double quote in shell script: " + script);
    }

    /** {@code $@}: the arguments after {@code $0}, each a word; the first joins and the last continues the current word. */
    private void appendArguments() {
        List<String> arguments = positionals.size() > 1 ? positionals.subList(1, positionals.size()) : List.of();
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                endWord();
            }
            append(arguments.get(i));
        }
    }

    /** Expands the variable whose name starts at {@code pos} (just after the '$'); unset variables are empty. */
    private String expand() {
        if (pos < script.length() && script.charAt(pos) == '(') {
            return commandSubstitution();
        }
        if (pos < script.length() && Character.isDigit(script.charAt(pos))) {
            int index = script.charAt(pos++) - '0';
            return index < positionals.size() ? positionals.get(index) : "";
        }
        if (pos < script.length() && script.charAt(pos) == '#') {
            pos++;
            return Integer.toString(Math.max(0, positionals.size() - 1));
        }
        if (pos < script.length() && script.charAt(pos) == '{') {
            int end = closing('}');
            String name = script.substring(pos + 1, end);
            pos = end + 1;
            return env.getOrDefault(name, "");
        }
        int start = pos;
        while (pos < script.length() && (Character.isLetterOrDigit(script.charAt(pos)) || script.charAt(pos) == '_')) {
            pos++;
        }
        return start == pos ? "$" : env.getOrDefault(script.substring(start, pos), "");
    }

    /**
     * {@code $(...)} runs a command whose output cannot be known here: its literal text is kept. The end is
     * found by counting parentheses outside quotes, so quotes inside the substitution do not end the word.
     */
    private String commandSubstitution() {
        int start = pos - 1;
        int depth = 0;
        while (pos < script.length()) {
            char c = script.charAt(pos++);
            if (c == '\'') {
                pos = closing('\'') + 1;
            } else if (c == '"') {
                while (pos < script.length() && script.charAt(pos) != '"') {
                    pos += script.charAt(pos) == '\\' ? 2 : 1;
                }
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return script.substring(start, pos);
            }
        }
        throw new IllegalArgumentException("unterminated $( in shell script: " + script);
    }

    private int closing(char quote) {
        int end = script.indexOf(quote, pos);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated " + quote + " in shell script: " + script);
        }
        return end;
    }

    private void append(char c) {
        inWord = true;
        word.append(c);
    }

    private void append(String s) {
        inWord = true;
        word.append(s);
    }

    private void endWord() {
        if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
    }
}

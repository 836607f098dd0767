package io.modeldeploy.sim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a {@code sh -c} script into words, the way a container's shell would for the simple scripts
 * pod specs carry: single and double quotes, backslash escapes, {@code $VAR} / {@code ${VAR}} expansion
 * from the container env, and the control operators {@code ; & && | ||} as words of their own (so an
 * engine invocation can be found inside {@code "pip install x && exec vllm serve ..."}). An expanded
 * value is not split again, and globbing, sub-shells and redirections are not interpreted.
 */
final class ShellWords {
    static final List<String> OPERATORS = List.of(";", "&", "&&", "|", "||");

    private final String script;
    private final Map<String, String> env;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private int pos;

    private ShellWords(String script, Map<String, String> env) {
        this.script = script;
        this.env = env;
    }

    static List<String> split(String script, Map<String, String> env) {
        return new ShellWords(script, env).run();
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
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '$') {
                append(expand());
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

    /** Expands the variable whose name starts at {@code pos} (just after the '$'); unset variables are empty. */
    private String expand() {
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

package io.modeldeploy.e2e.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (format 0.0.4), as the operator's {@code /q/metrics} serves it: read by
 * name and labels, so neither the order of the labels nor the comments and other series matter.
 */
public final class MetricsText {
    private MetricsText() {
    }

    /** One sample line: {@code name{label="value",...} value [timestamp]}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(parseLine(trimmed));
            }
        }
        return samples;
    }

    static Sample parseLine(String line) {
        Cursor at = new Cursor(line);
        String name = at.until(c -> c == '{' || Character.isWhitespace(c));
        if (name.isEmpty()) {
            throw at.malformed("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at.peek() == '{') {
            at.next();
            readLabels(at, labels);
        }
        at.skipWhitespace();
        String value = at.until(Character::isWhitespace);
        if (value.isEmpty()) {
            throw at.malformed("no value");
        }
        return new Sample(name, Map.copyOf(labels), number(value, at));
    }

    private static void readLabels(Cursor at, Map<String, String> labels) {
        while (true) {
            at.skipWhitespace();
            if (at.peek() == '}') {
                at.next();
                return;
            }
            String label = at.until(c -> c == '=' || Character.isWhitespace(c)).strip();
            at.skipWhitespace();
            at.expect('=');
            at.skipWhitespace();
            at.expect('"');
            labels.put(label, at.quoted());
            at.skipWhitespace();
            if (at.peek() == ',') {
                at.next();
            } else if (at.peek() != '}') {
                throw at.malformed("expected , or }");
            }
        }
    }

    private static double number(String value, Cursor at) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw at.malformed("not a number: " + value);
                }
            }
        };
    }

    private static final class Cursor {
        private final String line;
        private int pos;

        Cursor(String line) {
            this.line = line;
        }

        char peek() {
            return pos < line.length() ? line.charAt(pos) : '\0';
        }

        void next() {
            pos++;
        }

        void expect(char c) {
            if (peek() != c) {
                throw malformed("expected " + c);
            }
            pos++;
        }

        void skipWhitespace() {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
        }

        String until(java.util.function.IntPredicate stop) {
            int start = pos;
            while (pos < line.length() && !stop.test(line.charAt(pos))) {
                pos++;
            }
            return line.substring(start, pos);
        }

        /** The rest of a label value after its opening quote, unescaped ({@code \\}, {@code \"}, {@code \n}). */
        String quoted() {
            StringBuilder out = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < line.length()) {
                    char escaped = line.charAt(pos++);
                    out.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    out.append(c);
                }
            }
            throw malformed("unterminated label value");
        }

        IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException(why + " at column " + pos + " of metrics line: " + line);
        }
    }
}

package io.modeldeploy.operator.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hides a deployment's credential values (and what was derived from them: signatures, session ids, the Authorization
 * header) in text that is about to leave the provider for a status, an Event or a log, and cuts that text to a short
 * one-line excerpt. Each value is also hidden in its URL-encoded and JSON-escaped forms, as a vendor echoing a request
 * would write it. Pure.
 */
public final class SecretMask {
    public static final String MASK = "***";
    /** Vendor words beyond this are cut: an error body is a hint for the user, not a transcript. */
    public static final int MAX_EXCERPT = 300;
    /** Shorter values would hide ordinary words; no credential of any vendor is this short. */
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    private SecretMask(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMask of(Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        // Longest first, so a value that contains another is hidden whole.
        return new SecretMask(forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** The text with every secret replaced by {@value #MASK}; control characters become spaces. Not cut. */
    public String hide(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** {@link #hide}, then one line of at most {@value #MAX_EXCERPT} characters; masked before cut, so no part of a secret survives. */
    public String excerpt(String text) {
        return excerpt(hide(text), MAX_EXCERPT);
    }

    /** One line of at most {@code max} characters. */
    public static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return oneLine.length() > max ? oneLine.substring(0, max) + "..." : oneLine;
    }
}

package io.modeldeploy.sim.platform.alayanew;

/**
 * Variations the Alaya NeW docs show between pages, switchable so a provider test can prove it accepts both forms
 * (vendors.md §1). Defaults follow the docs' JSON examples, which are closest to what a server emits.
 */
public final class AlayaNewQuirks {
    private volatile boolean legacyStatusSpelling;
    private volatile boolean codeAsString;
    private volatile boolean camelCaseApiKey;

    /** true: statuses as an older page spells them, {@code staring}, {@code stoping}, {@code stoped}. */
    public AlayaNewQuirks legacyStatusSpelling(boolean on) {
        legacyStatusSpelling = on;
        return this;
    }

    /** true: the envelope's {@code code} as a string ({@code "0"}, {@code "-1"}), as some examples show it. */
    public AlayaNewQuirks codeAsString(boolean on) {
        codeAsString = on;
        return this;
    }

    /** true: the key field as the field tables name it ({@code apiKey}) instead of the examples' {@code apikey}. */
    public AlayaNewQuirks camelCaseApiKey(boolean on) {
        camelCaseApiKey = on;
        return this;
    }

    boolean legacyStatusSpelling() {
        return legacyStatusSpelling;
    }

    boolean codeAsString() {
        return codeAsString;
    }

    String apiKeyField() {
        return camelCaseApiKey ? "apiKey" : "apikey";
    }
}

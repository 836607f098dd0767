package io.modeldeploy.sim.platform.alayanew;

/**
 * Variations the Alaya NeW docs show between pages, switchable so a provider test can prove it accepts both forms
 * (vendors.md §1). Defaults follow the docs' JSON examples, which are closest to what a server emits.
 */
public final class AlayaNewQuirks {
    private volatile boolean legacyStatusSpelling;
    private volatile boolean codeAsString;
    private volatile boolean camelCaseApiKey;
    private volatile boolean detailWithServiceId;
    private volatile boolean loraDetailEnveloped;

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

    /**
     * true: a base service's detail carries its {@code serviceId}, as the field table lists it. The published
     * QuickStart example's {@code data} has none, which is the default.
     */
    public AlayaNewQuirks detailWithServiceId(boolean on) {
        detailWithServiceId = on;
        return this;
    }

    /**
     * true: a LoRA service's detail in the {@code {code, data, msg}} envelope with {@code servedName} a list, as the
     * other pages answer. The published LoRA example is the bare object with {@code servedName} a string, which is
     * the default.
     */
    public AlayaNewQuirks loraDetailEnveloped(boolean on) {
        loraDetailEnveloped = on;
        return this;
    }

    boolean detailWithServiceId() {
        return detailWithServiceId;
    }

    boolean loraDetailEnveloped() {
        return loraDetailEnveloped;
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

package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The inference engines quickStart knows; each has its engine package (see {@code engine.Engines}). */
public enum Backend {
    @JsonProperty("vllm") VLLM("vllm"),
    @JsonProperty("sglang") SGLANG("sglang");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    /** How the spec writes it, and the key of the backend's image in the operator's configuration. */
    public String id() {
        return id;
    }
}

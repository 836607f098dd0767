package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The inference engines quickStart knows. */
public enum Backend {
    @JsonProperty("vllm") VLLM,
    @JsonProperty("sglang") SGLANG
}

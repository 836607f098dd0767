package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which spec block describes the deployment. */
public enum Mode {
    QuickStart, Expert, @JsonProperty("LoRA") LoRA
}

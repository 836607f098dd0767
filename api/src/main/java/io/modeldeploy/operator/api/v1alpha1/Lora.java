package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A LoRA service served by another ModelDeployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Lora {
    @JsonPropertyDescription("The base ModelDeployment, in the same namespace.")
    @Required
    private LocalObjectReference baseRef;

    public LocalObjectReference getBaseRef() {
        return baseRef;
    }

    public void setBaseRef(LocalObjectReference baseRef) {
        this.baseRef = baseRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Lora other)) {
            return false;
        }
        return Objects.equals(baseRef, other.baseRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseRef);
    }
}

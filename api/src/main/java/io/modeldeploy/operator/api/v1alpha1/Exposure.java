package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How the endpoint is exposed beyond the cluster Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Exposure {
    @JsonPropertyDescription("Create an Ingress for the service.")
    private IngressExposure ingress;

    public IngressExposure getIngress() {
        return ingress;
    }

    public void setIngress(IngressExposure ingress) {
        this.ingress = ingress;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Exposure other)) {
            return false;
        }
        return Objects.equals(ingress, other.ingress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ingress);
    }
}

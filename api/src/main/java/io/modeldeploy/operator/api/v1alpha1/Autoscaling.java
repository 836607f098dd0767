package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * The operator's own scaler (gateway.md "Autoscaling"). When present, spec.replicas and the scale subresource are
 * ignored: the operator decides the instance count from the load the gateway and the engines report, and never
 * writes spec, so that GitOps stays in sync.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Autoscaling {
    @JsonPropertyDescription("Fewest instances; 0 scales to zero when idle (the gateway holds requests while one starts).")
    @Default("1")
    @Min(0)
    @Max(SchemaRules.MAX_REPLICAS)
    private Integer minReplicas;

    @JsonPropertyDescription("Most instances.")
    @Required
    @Min(1)
    @Max(SchemaRules.MAX_REPLICAS)
    private Integer maxReplicas;

    @JsonPropertyDescription("In-flight requests per instance the scaler aims for.")
    @Default("8")
    @Min(1)
    @Max(100_000)
    private Integer targetInFlight;

    @JsonPropertyDescription("How long the load must stay low before instances are removed, e.g. 30s, 5m, 1h30m.")
    @Default("5m")
    @Pattern(SchemaRules.DURATION)
    private String scaleDownDelay;

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public Integer getTargetInFlight() {
        return targetInFlight;
    }

    public void setTargetInFlight(Integer targetInFlight) {
        this.targetInFlight = targetInFlight;
    }

    public String getScaleDownDelay() {
        return scaleDownDelay;
    }

    public void setScaleDownDelay(String scaleDownDelay) {
        this.scaleDownDelay = scaleDownDelay;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Autoscaling other && Objects.equals(minReplicas, other.minReplicas)
                && Objects.equals(maxReplicas, other.maxReplicas)
                && Objects.equals(targetInFlight, other.targetInFlight)
                && Objects.equals(scaleDownDelay, other.scaleDownDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minReplicas, maxReplicas, targetInFlight, scaleDownDelay);
    }
}

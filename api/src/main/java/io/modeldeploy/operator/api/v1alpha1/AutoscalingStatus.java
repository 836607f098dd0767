package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * What the operator's scaler last decided and from what. Written only when a decision changes the desired count
 * (and with the first status), never on every sample: the inputs are those of the last decision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoscalingStatus {
    @JsonPropertyDescription("The instance count the scaler wants now.")
    private Integer desiredReplicas;

    @JsonPropertyDescription("Requests in flight at the gateway when the scaler last decided.")
    private Integer inFlight;

    @JsonPropertyDescription("Requests the gateway held (no ready instance) when the scaler last decided.")
    private Integer held;

    @JsonPropertyDescription("Requests waiting in the engines' own queues when the scaler last decided.")
    private Integer queued;

    @JsonPropertyDescription("The last decision and its reason, e.g. 'scale up 1 to 3: 21 in flight, target 8 per instance'.")
    private String lastDecision;

    @JsonPropertyDescription("When the desired count last changed (RFC 3339).")
    private String lastScaleTime;

    public Integer getDesiredReplicas() {
        return desiredReplicas;
    }

    public void setDesiredReplicas(Integer desiredReplicas) {
        this.desiredReplicas = desiredReplicas;
    }

    public Integer getInFlight() {
        return inFlight;
    }

    public void setInFlight(Integer inFlight) {
        this.inFlight = inFlight;
    }

    public Integer getHeld() {
        return held;
    }

    public void setHeld(Integer held) {
        this.held = held;
    }

    public Integer getQueued() {
        return queued;
    }

    public void setQueued(Integer queued) {
        this.queued = queued;
    }

    public String getLastDecision() {
        return lastDecision;
    }

    public void setLastDecision(String lastDecision) {
        this.lastDecision = lastDecision;
    }

    public String getLastScaleTime() {
        return lastScaleTime;
    }

    public void setLastScaleTime(String lastScaleTime) {
        this.lastScaleTime = lastScaleTime;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof AutoscalingStatus other
                && Objects.equals(desiredReplicas, other.desiredReplicas) && Objects.equals(inFlight, other.inFlight)
                && Objects.equals(held, other.held) && Objects.equals(queued, other.queued)
                && Objects.equals(lastDecision, other.lastDecision)
                && Objects.equals(lastScaleTime, other.lastScaleTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(desiredReplicas, inFlight, held, queued, lastDecision, lastScaleTime);
    }
}

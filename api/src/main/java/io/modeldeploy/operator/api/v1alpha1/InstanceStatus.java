package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** One instance (a pod, or a vendor instance). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceStatus {
    @JsonPropertyDescription("Pod name (leader pod for multi-node) or vendor instance id.")
    private String instanceId;

    @JsonPropertyDescription("Ready to serve.")
    private Boolean ready;

    @JsonPropertyDescription("The base model is loaded and answering.")
    private Boolean baseModelReady;

    @JsonPropertyDescription("Adapters this instance really holds, read from the engine.")
    private List<String> loraModels;

    @JsonPropertyDescription("Why the instance is not ready, when it is not.")
    private String message;

    @JsonPropertyDescription("Multi-node instances (workers > 1): the group's worker pods; the instance is ready only when all are.")
    private List<WorkerStatus> workers;

    public List<WorkerStatus> getWorkers() {
        return workers;
    }

    public void setWorkers(List<WorkerStatus> workers) {
        this.workers = workers;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public Boolean getBaseModelReady() {
        return baseModelReady;
    }

    public void setBaseModelReady(Boolean baseModelReady) {
        this.baseModelReady = baseModelReady;
    }

    public List<String> getLoraModels() {
        return loraModels;
    }

    public void setLoraModels(List<String> loraModels) {
        this.loraModels = loraModels;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InstanceStatus other)) {
            return false;
        }
        return Objects.equals(instanceId, other.instanceId)
                && Objects.equals(ready, other.ready)
                && Objects.equals(baseModelReady, other.baseModelReady)
                && Objects.equals(loraModels, other.loraModels)
                && Objects.equals(message, other.message)
                && Objects.equals(workers, other.workers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instanceId, ready, baseModelReady, loraModels, message, workers);
    }
}

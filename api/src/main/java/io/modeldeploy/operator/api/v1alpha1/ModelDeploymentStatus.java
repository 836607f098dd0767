package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Objects;

/** The user's dashboard. The API key itself is never here. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelDeploymentStatus {
    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Starting, Running, Stopping, Stopped or Failed.")
    private Phase phase;

    @JsonPropertyDescription("QuickStart, Expert or LoRA.")
    private Mode mode;

    @JsonPropertyDescription("The deployment's id: its UID in-cluster, or the vendor's service id.")
    private String serviceId;

    @JsonPropertyDescription("LoRA mode: the base's serviceId.")
    private String baseServiceId;

    @JsonPropertyDescription("OpenAI base URL of the service.")
    private String serviceUrl;

    @JsonPropertyDescription("Name of the Secret holding the API key (key apiKey unless spec.apiKey says otherwise).")
    private String apiKeySecret;

    @JsonPropertyDescription("Names clients send as `model`.")
    private List<String> servedNames;

    @JsonPropertyDescription("The served model id.")
    private String modelId;

    @JsonPropertyDescription("GPUs per instance, e.g. 2xH100, or 8xH200 x 2 nodes for a multi-node instance (for kubectl get).")
    private String gpu;

    @JsonPropertyDescription("Observed instances.")
    @StatusReplicas
    private Integer replicas;

    @JsonPropertyDescription("Instances ready to serve.")
    private Integer readyReplicas;

    @JsonPropertyDescription("readyReplicas/replicas as text (for kubectl get).")
    private String ready;

    @JsonPropertyDescription("Label selector of the instances' pods (scale subresource, HPA).")
    @LabelSelector
    private String selector;

    @JsonPropertyDescription("One entry per instance.")
    private List<InstanceStatus> instances;

    @JsonPropertyDescription("Ready, Progressing, Degraded, AdaptersReady.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Where it runs, as last observed.")
    private TargetStatus target;

    @JsonPropertyDescription("With spec.autoscaling: what the scaler wants and why.")
    private AutoscalingStatus autoscaling;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getServiceId() {
        return serviceId;
    }

    public void setServiceId(String serviceId) {
        this.serviceId = serviceId;
    }

    public String getBaseServiceId() {
        return baseServiceId;
    }

    public void setBaseServiceId(String baseServiceId) {
        this.baseServiceId = baseServiceId;
    }

    public String getServiceUrl() {
        return serviceUrl;
    }

    public void setServiceUrl(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public String getApiKeySecret() {
        return apiKeySecret;
    }

    public void setApiKeySecret(String apiKeySecret) {
        this.apiKeySecret = apiKeySecret;
    }

    public List<String> getServedNames() {
        return servedNames;
    }

    public void setServedNames(List<String> servedNames) {
        this.servedNames = servedNames;
    }

    public String getModelId() {
        return modelId;
    }

    public void setModelId(String modelId) {
        this.modelId = modelId;
    }

    public String getGpu() {
        return gpu;
    }

    public void setGpu(String gpu) {
        this.gpu = gpu;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getReady() {
        return ready;
    }

    public void setReady(String ready) {
        this.ready = ready;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public List<InstanceStatus> getInstances() {
        return instances;
    }

    public void setInstances(List<InstanceStatus> instances) {
        this.instances = instances;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public TargetStatus getTarget() {
        return target;
    }

    public void setTarget(TargetStatus target) {
        this.target = target;
    }

    public AutoscalingStatus getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingStatus autoscaling) {
        this.autoscaling = autoscaling;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelDeploymentStatus other)) {
            return false;
        }
        return Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(phase, other.phase)
                && Objects.equals(mode, other.mode)
                && Objects.equals(serviceId, other.serviceId)
                && Objects.equals(baseServiceId, other.baseServiceId)
                && Objects.equals(serviceUrl, other.serviceUrl)
                && Objects.equals(apiKeySecret, other.apiKeySecret)
                && Objects.equals(servedNames, other.servedNames)
                && Objects.equals(modelId, other.modelId)
                && Objects.equals(gpu, other.gpu)
                && Objects.equals(replicas, other.replicas)
                && Objects.equals(readyReplicas, other.readyReplicas)
                && Objects.equals(ready, other.ready)
                && Objects.equals(selector, other.selector)
                && Objects.equals(instances, other.instances)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(target, other.target)
                && Objects.equals(autoscaling, other.autoscaling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, mode, serviceId, baseServiceId, serviceUrl, apiKeySecret, servedNames, modelId, gpu, replicas, readyReplicas, ready, selector, instances, conditions, target,
                autoscaling);
    }
}

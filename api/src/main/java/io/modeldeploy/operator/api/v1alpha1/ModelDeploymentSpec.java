package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Objects;

/** What to serve, how, and where. Exactly one of quickStart, expert or lora. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelDeploymentSpec {
    @JsonPropertyDescription("The model to serve.")
    @Required
    private ModelSource model;

    @JsonPropertyDescription("Number of instances. The scale subresource points here (kubectl scale, HPA, KEDA).")
    @Default("1")
    @Min(0)
    @Max(SchemaRules.MAX_REPLICAS)
    @SpecReplicas
    private Integer replicas;

    @JsonPropertyDescription("true: stop serving and keep everything else; false again: start.")
    @Default("false")
    private Boolean stopped;

    @JsonPropertyDescription("Where the model runs; default {provider: InCluster}.")
    private Target target;

    @JsonPropertyDescription("Run a known engine (vLLM or SGLang) with operator-chosen flags and image.")
    private QuickStart quickStart;

    @JsonPropertyDescription("Full control: your own pod template; the operator adds only labels and the API-key env.")
    private Expert expert;

    @JsonPropertyDescription("A LoRA service: adapters served by another ModelDeployment's instances.")
    private Lora lora;

    @JsonPropertyDescription("LoRA adapters. On quickStart/expert they ride on this deployment (an empty list enables LoRA, so that LoRA services can use it as their base); in lora mode they are loaded into the base's instances. Adding or removing one restarts nothing.")
    @Size(max = SchemaRules.MAX_LIST_ITEMS)
    private List<Adapter> adapters;

    @JsonPropertyDescription("Where the API key comes from; without it the operator creates the Secret <name>-api-key.")
    private ApiKey apiKey;

    @JsonPropertyDescription("Optional exposure beyond the cluster Service (InCluster only).")
    private Exposure exposure;

    @JsonPropertyDescription("How the gateway picks an instance (in-cluster deployments).")
    private Routing routing;

    @JsonPropertyDescription("What the gateway enforces for this deployment: per-key rate limits.")
    private GatewaySpec gateway;

    @JsonPropertyDescription("The operator scales on load (in-cluster; managed where the vendor publishes a scale call). When set, replicas and the scale subresource are ignored.")
    private Autoscaling autoscaling;

    public ModelSource getModel() {
        return model;
    }

    public void setModel(ModelSource model) {
        this.model = model;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Boolean getStopped() {
        return stopped;
    }

    public void setStopped(Boolean stopped) {
        this.stopped = stopped;
    }

    public Target getTarget() {
        return target;
    }

    public void setTarget(Target target) {
        this.target = target;
    }

    public QuickStart getQuickStart() {
        return quickStart;
    }

    public void setQuickStart(QuickStart quickStart) {
        this.quickStart = quickStart;
    }

    public Expert getExpert() {
        return expert;
    }

    public void setExpert(Expert expert) {
        this.expert = expert;
    }

    public Lora getLora() {
        return lora;
    }

    public void setLora(Lora lora) {
        this.lora = lora;
    }

    public List<Adapter> getAdapters() {
        return adapters;
    }

    public void setAdapters(List<Adapter> adapters) {
        this.adapters = adapters;
    }

    public ApiKey getApiKey() {
        return apiKey;
    }

    public void setApiKey(ApiKey apiKey) {
        this.apiKey = apiKey;
    }

    public Exposure getExposure() {
        return exposure;
    }

    public void setExposure(Exposure exposure) {
        this.exposure = exposure;
    }

    public Routing getRouting() {
        return routing;
    }

    public void setRouting(Routing routing) {
        this.routing = routing;
    }

    public GatewaySpec getGateway() {
        return gateway;
    }

    public void setGateway(GatewaySpec gateway) {
        this.gateway = gateway;
    }

    public Autoscaling getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(Autoscaling autoscaling) {
        this.autoscaling = autoscaling;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelDeploymentSpec other)) {
            return false;
        }
        return Objects.equals(model, other.model)
                && Objects.equals(replicas, other.replicas)
                && Objects.equals(stopped, other.stopped)
                && Objects.equals(target, other.target)
                && Objects.equals(quickStart, other.quickStart)
                && Objects.equals(expert, other.expert)
                && Objects.equals(lora, other.lora)
                && Objects.equals(adapters, other.adapters)
                && Objects.equals(apiKey, other.apiKey)
                && Objects.equals(exposure, other.exposure)
                && Objects.equals(routing, other.routing)
                && Objects.equals(gateway, other.gateway)
                && Objects.equals(autoscaling, other.autoscaling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, replicas, stopped, target, quickStart, expert, lora, adapters, apiKey, exposure, routing, gateway,
                autoscaling);
    }
}

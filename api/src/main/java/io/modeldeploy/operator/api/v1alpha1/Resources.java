package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Resources of one instance, per node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Resources {
    @JsonPropertyDescription("Nodes per instance (>1 = multi-node instance).")
    @Default("1")
    @Min(1)
    @Max(SchemaRules.MAX_WORKERS)
    private Integer workers;

    @JsonPropertyDescription("CPU per node (a Kubernetes quantity).")
    @Pattern(SchemaRules.QUANTITY)
    @Size(max = SchemaRules.MAX_QUANTITY_LENGTH)
    private String cpu;

    @JsonPropertyDescription("Memory per node (a Kubernetes quantity).")
    @Pattern(SchemaRules.QUANTITY)
    @Size(max = SchemaRules.MAX_QUANTITY_LENGTH)
    private String memory;

    @JsonPropertyDescription("GPUs per node.")
    private Gpu gpu;

    public Integer getWorkers() {
        return workers;
    }

    public void setWorkers(Integer workers) {
        this.workers = workers;
    }

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public Gpu getGpu() {
        return gpu;
    }

    public void setGpu(Gpu gpu) {
        this.gpu = gpu;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Resources other)) {
            return false;
        }
        return Objects.equals(workers, other.workers)
                && Objects.equals(cpu, other.cpu)
                && Objects.equals(memory, other.memory)
                && Objects.equals(gpu, other.gpu);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workers, cpu, memory, gpu);
    }
}

package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** GPU model and count per node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Gpu {
    @JsonPropertyDescription("GPU model, e.g. H100 or L40S; mapped to node labels by the operator's GPU catalog.")
    @Pattern(SchemaRules.LABEL_VALUE)
    @Size(max = SchemaRules.MAX_LABEL_LENGTH)
    private String type;

    @JsonPropertyDescription("GPUs per node; the engine's tensor-parallel size.")
    @Min(0)
    @Max(SchemaRules.MAX_GPUS_PER_NODE)
    private Integer count;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Gpu other)) {
            return false;
        }
        return Objects.equals(type, other.type)
                && Objects.equals(count, other.count);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, count);
    }
}

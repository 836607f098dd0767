package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Objects;

/** Full control over the pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Expert {
    @JsonPropertyDescription("A full pod template. The operator adds labels and the API-key env, nothing else.")
    @Required
    private PodTemplateSpec template;

    @JsonPropertyDescription("The container port that serves the OpenAI API.")
    @Default("8000")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("HTTP path the engine answers 200 on when healthy.")
    @Default("/health")
    @Pattern(SchemaRules.HTTP_PATH)
    @Size(max = SchemaRules.MAX_URI_LENGTH)
    private String healthPath;

    public PodTemplateSpec getTemplate() {
        return template;
    }

    public void setTemplate(PodTemplateSpec template) {
        this.template = template;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getHealthPath() {
        return healthPath;
    }

    public void setHealthPath(String healthPath) {
        this.healthPath = healthPath;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Expert other)) {
            return false;
        }
        return Objects.equals(template, other.template)
                && Objects.equals(port, other.port)
                && Objects.equals(healthPath, other.healthPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(template, port, healthPath);
    }
}

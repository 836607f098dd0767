package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/** A known engine with operator-chosen image and flags. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QuickStart {
    @JsonPropertyDescription("The inference engine.")
    @Required
    private Backend backend;

    @JsonPropertyDescription("Engine version: the image tag (the repository comes from operator configuration).")
    @Required
    @Pattern(SchemaRules.IMAGE_TAG)
    private String backendVersion;

    @JsonPropertyDescription("Extra engine flags, appended; a flag the operator also sets replaces the operator's value.")
    @Size(max = SchemaRules.MAX_LIST_ITEMS)
    private List<String> backendArgs;

    @JsonPropertyDescription("Per-node resources of one instance.")
    @Required
    private Resources resources;

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public String getBackendVersion() {
        return backendVersion;
    }

    public void setBackendVersion(String backendVersion) {
        this.backendVersion = backendVersion;
    }

    public List<String> getBackendArgs() {
        return backendArgs;
    }

    public void setBackendArgs(List<String> backendArgs) {
        this.backendArgs = backendArgs;
    }

    public Resources getResources() {
        return resources;
    }

    public void setResources(Resources resources) {
        this.resources = resources;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QuickStart other)) {
            return false;
        }
        return Objects.equals(backend, other.backend)
                && Objects.equals(backendVersion, other.backendVersion)
                && Objects.equals(backendArgs, other.backendArgs)
                && Objects.equals(resources, other.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, backendVersion, backendArgs, resources);
    }
}

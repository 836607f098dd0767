package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/** The model and the names clients use for it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSource {
    @JsonPropertyDescription("The model id, e.g. Qwen/Qwen2.5-7B-Instruct.")
    @Required
    @Size(min = 1, max = SchemaRules.MAX_TEXT_LENGTH)
    private String id;

    @JsonPropertyDescription("Where the weights come from: hf://<id> (default), pvc://<claim>/<path>, s3://..., file:///abs/path.")
    @Pattern(SchemaRules.MODEL_URI)
    @Size(max = SchemaRules.MAX_URI_LENGTH)
    private String uri;

    @JsonPropertyDescription("The names clients send as `model`; default [metadata.name].")
    @Size(max = SchemaRules.MAX_LIST_ITEMS)
    private List<String> servedNames;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public List<String> getServedNames() {
        return servedNames;
    }

    public void setServedNames(List<String> servedNames) {
        this.servedNames = servedNames;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelSource other)) {
            return false;
        }
        return Objects.equals(id, other.id)
                && Objects.equals(uri, other.uri)
                && Objects.equals(servedNames, other.servedNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, uri, servedNames);
    }
}

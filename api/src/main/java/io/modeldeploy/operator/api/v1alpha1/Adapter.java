package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** One LoRA adapter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Adapter {
    @JsonPropertyDescription("Adapter name (DNS-safe); clients select it as the model.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(min = 1, max = SchemaRules.MAX_LABEL_LENGTH)
    private String name;

    @JsonPropertyDescription("Where the adapter comes from: hf://, pvc://, s3:// or file:// as for the model.")
    @Required
    @Pattern(SchemaRules.ADAPTER_URI)
    @Size(max = SchemaRules.MAX_URI_LENGTH)
    private String uri;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Adapter other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(uri, other.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, uri);
    }
}

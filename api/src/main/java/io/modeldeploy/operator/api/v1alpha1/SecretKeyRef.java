package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** A key of a Secret in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
    @JsonPropertyDescription("Secret name.")
    @Required
    @Pattern(SchemaRules.DNS_SUBDOMAIN)
    @Size(max = SchemaRules.MAX_SUBDOMAIN_LENGTH)
    private String name;

    @JsonPropertyDescription("Key in the Secret.")
    @Default("apiKey")
    @Pattern(SchemaRules.SECRET_KEY)
    @Size(max = SchemaRules.MAX_SUBDOMAIN_LENGTH)
    private String key;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SecretKeyRef other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, key);
    }
}

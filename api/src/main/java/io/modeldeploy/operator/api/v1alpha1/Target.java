package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Where the model runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Target {
    @JsonPropertyDescription("InCluster, or a managed platform.")
    @Default("InCluster")
    private Provider provider;

    @JsonPropertyDescription("Managed platforms: API base URL; default per provider.")
    @Pattern(SchemaRules.ENDPOINT)
    @Size(max = SchemaRules.MAX_URI_LENGTH)
    private String endpoint;

    @JsonPropertyDescription("Managed platforms: Secret holding the credentials.")
    private LocalObjectReference credentialsSecretRef;

    @JsonPropertyDescription("Managed platforms: what happens to the vendor service when this resource is deleted.")
    @Default("Delete")
    private DeletionPolicy deletionPolicy;

    /**
     * Each managed provider's own options block (spec.target.&lt;provider's options field&gt;: vksId, zoneUuid,
     * region, ...), by field name. The CRD schema lists one field per provider ({@link CrdColumnOrder} adds
     * them from {@link Provider}), so the API server keeps exactly those.
     */
    @JsonIgnore
    private final Map<String, Map<String, Object>> options = new TreeMap<>();

    public Provider getProvider() {
        return provider;
    }

    public void setProvider(Provider provider) {
        this.provider = provider;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public LocalObjectReference getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(LocalObjectReference credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    @JsonAnyGetter
    @JsonIgnore
    public Map<String, Map<String, Object>> options() {
        return options;
    }

    /** Sets {@code provider}'s options block. */
    public void setOptions(Provider provider, Map<String, Object> values) {
        if (provider.optionsField().isEmpty()) {
            throw new IllegalArgumentException(provider + " takes no options");
        }
        if (values == null) {
            options.remove(provider.optionsField().get());
        } else {
            options.put(provider.optionsField().get(), values);
        }
    }

    @JsonAnySetter
    @SuppressWarnings("unchecked")
    void setOption(String field, Object values) {
        if (values instanceof Map<?, ?> map) {
            options.put(field, (Map<String, Object>) map);
        }
    }

    /** The options block of {@code provider}; empty when it has none. */
    public Map<String, Object> optionsFor(Provider provider) {
        return provider.optionsField().map(options::get).orElse(Map.of());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Target other)) {
            return false;
        }
        return Objects.equals(provider, other.provider)
                && Objects.equals(endpoint, other.endpoint)
                && Objects.equals(credentialsSecretRef, other.credentialsSecretRef)
                && Objects.equals(deletionPolicy, other.deletionPolicy)
                && Objects.equals(options, other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, endpoint, credentialsSecretRef, deletionPolicy, options);
    }
}

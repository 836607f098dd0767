package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import java.util.Map;
import java.util.Objects;

/** Where the model runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Target {
    @JsonPropertyDescription("InCluster, or a managed platform.")
    @Default("InCluster")
    private Provider provider;

    @JsonPropertyDescription("Managed platforms: API base URL; default per provider.")
    private String endpoint;

    @JsonPropertyDescription("Managed platforms: Secret holding the credentials.")
    private LocalObjectReference credentialsSecretRef;

    @JsonPropertyDescription("Managed platforms: what happens to the vendor service when this resource is deleted.")
    @Default("Delete")
    private DeletionPolicy deletionPolicy;

    @JsonPropertyDescription("Alaya NeW options (vksId, namespace).")
    @PreserveUnknownFields
    @SchemaFrom(type = VendorOptionsSchema.class)
    private Map<String, Object> alayaNew;

    @JsonPropertyDescription("ZStack options.")
    @PreserveUnknownFields
    @SchemaFrom(type = VendorOptionsSchema.class)
    private Map<String, Object> zstack;

    @JsonPropertyDescription("Baidu Qianfan options.")
    @PreserveUnknownFields
    @SchemaFrom(type = VendorOptionsSchema.class)
    private Map<String, Object> qianfan;

    // Named explicitly: from getDRun Jackson would derive "drun", and api.md spells it dRun.
    @JsonProperty("dRun")
    @JsonPropertyDescription("DaoCloud d.run options.")
    @PreserveUnknownFields
    @SchemaFrom(type = VendorOptionsSchema.class)
    private Map<String, Object> dRun;

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

    public Map<String, Object> getAlayaNew() {
        return alayaNew;
    }

    public void setAlayaNew(Map<String, Object> alayaNew) {
        this.alayaNew = alayaNew;
    }

    public Map<String, Object> getZstack() {
        return zstack;
    }

    public void setZstack(Map<String, Object> zstack) {
        this.zstack = zstack;
    }

    public Map<String, Object> getQianfan() {
        return qianfan;
    }

    public void setQianfan(Map<String, Object> qianfan) {
        this.qianfan = qianfan;
    }

    @JsonProperty("dRun")
    public Map<String, Object> getDRun() {
        return dRun;
    }

    @JsonProperty("dRun")
    public void setDRun(Map<String, Object> dRun) {
        this.dRun = dRun;
    }

    /** The options block of {@code provider}; empty when it has none. */
    public Map<String, Object> optionsFor(Provider provider) {
        Map<String, Object> options = switch (provider) {
            case AlayaNeW -> alayaNew;
            case ZStack -> zstack;
            case Qianfan -> qianfan;
            case DRun -> dRun;
            case InCluster -> null;
        };
        return options == null ? Map.of() : options;
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
                && Objects.equals(alayaNew, other.alayaNew)
                && Objects.equals(zstack, other.zstack)
                && Objects.equals(qianfan, other.qianfan)
                && Objects.equals(dRun, other.dRun);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, endpoint, credentialsSecretRef, deletionPolicy, alayaNew, zstack, qianfan, dRun);
    }
}

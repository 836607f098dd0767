package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** An Ingress in front of the Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressExposure {
    @JsonPropertyDescription("Host name.")
    @Required
    @Pattern(SchemaRules.DNS_SUBDOMAIN)
    @Size(max = SchemaRules.MAX_SUBDOMAIN_LENGTH)
    private String host;

    @JsonPropertyDescription("IngressClass name.")
    @Size(max = SchemaRules.MAX_SUBDOMAIN_LENGTH)
    private String className;

    @JsonPropertyDescription("TLS Secret for the host; enables https.")
    @Pattern(SchemaRules.DNS_SUBDOMAIN)
    @Size(max = SchemaRules.MAX_SUBDOMAIN_LENGTH)
    private String tlsSecretName;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public String getTlsSecretName() {
        return tlsSecretName;
    }

    public void setTlsSecretName(String tlsSecretName) {
        this.tlsSecretName = tlsSecretName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IngressExposure other)) {
            return false;
        }
        return Objects.equals(host, other.host)
                && Objects.equals(className, other.className)
                && Objects.equals(tlsSecretName, other.tlsSecretName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, className, tlsSecretName);
    }
}

package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The API key's source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiKey {
    @JsonPropertyDescription("An existing Secret key holding the API key.")
    private SecretKeyRef secretRef;

    public SecretKeyRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(SecretKeyRef secretRef) {
        this.secretRef = secretRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ApiKey other)) {
            return false;
        }
        return Objects.equals(secretRef, other.secretRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretRef);
    }
}

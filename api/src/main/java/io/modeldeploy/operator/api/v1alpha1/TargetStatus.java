package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Where the deployment runs, as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetStatus {
    @JsonPropertyDescription("The provider.")
    private Provider provider;

    @JsonPropertyDescription("The vendor's id for the service.")
    private String externalId;

    @JsonPropertyDescription("The vendor's own status value.")
    private String vendorStatus;

    @JsonPropertyDescription("When the vendor's status value last changed (RFC 3339).")
    private String lastSyncTime;

    @JsonPropertyDescription("When the operator first sent a create call for this deployment to the vendor (RFC 3339), written before the call goes out. Absent: no create was ever sent, so deleting the deployment calls no vendor.")
    private String createSentTime;

    @JsonPropertyDescription("Digest of the spec the vendor service was created from (replicas and stopped aside): a later spec change the vendor cannot apply is reported, not ignored.")
    private String appliedSpec;

    public String getCreateSentTime() {
        return createSentTime;
    }

    public void setCreateSentTime(String createSentTime) {
        this.createSentTime = createSentTime;
    }

    public String getAppliedSpec() {
        return appliedSpec;
    }

    public void setAppliedSpec(String appliedSpec) {
        this.appliedSpec = appliedSpec;
    }

    public Provider getProvider() {
        return provider;
    }

    public void setProvider(Provider provider) {
        this.provider = provider;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getVendorStatus() {
        return vendorStatus;
    }

    public void setVendorStatus(String vendorStatus) {
        this.vendorStatus = vendorStatus;
    }

    public String getLastSyncTime() {
        return lastSyncTime;
    }

    public void setLastSyncTime(String lastSyncTime) {
        this.lastSyncTime = lastSyncTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TargetStatus other)) {
            return false;
        }
        return Objects.equals(provider, other.provider)
                && Objects.equals(externalId, other.externalId)
                && Objects.equals(vendorStatus, other.vendorStatus)
                && Objects.equals(lastSyncTime, other.lastSyncTime)
                && Objects.equals(appliedSpec, other.appliedSpec)
                && Objects.equals(createSentTime, other.createSentTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, externalId, vendorStatus, lastSyncTime, appliedSpec, createSentTime);
    }
}

package io.modeldeploy.operator.provider;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of what a vendor service was created from. Replicas and stopped are applied through their
 * own calls, deletionPolicy only matters at deletion, and routing and gateway are the gateway's alone (no
 * vendor call involved), so they are left out: any other change after
 * creation needs a vendor call that applies it, and where there is none the user must be told.
 */
public final class AppliedSpec {
    /** Option maps keep the order they were written in; the digest must not change with it. */
    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL = Serialization.jsonMapper().copy()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private AppliedSpec() {
    }

    public static String digest(ModelDeploymentSpec written) {
        ModelDeploymentSpec spec = Serialization.clone(written);
        spec.setReplicas(null);
        spec.setStopped(null);
        // The scaler's bounds change only the count, which goes through the scale call like spec.replicas.
        spec.setAutoscaling(null);
        spec.setRouting(null);
        spec.setGateway(null);
        if (spec.getTarget() != null) {
            spec.getTarget().setDeletionPolicy(null);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.modeldeploy.operator.api.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The contract between the operator, which publishes each deployment's API key into the gateway's own namespace,
 * and the gateway, which reads Secrets only there: one Secret per key Secret of a tenant namespace, labelled
 * {@link #LABEL}, naming its source in annotations and holding the key under {@link #DATA_KEY}.
 */
public final class PublishedKey {
    public static final String LABEL = "modeldeploy.io/gateway-key";
    public static final String SOURCE_NAMESPACE = "modeldeploy.io/key-namespace";
    public static final String SOURCE_SECRET = "modeldeploy.io/key-secret";
    public static final String SOURCE_KEY = "modeldeploy.io/key-field";
    public static final String DATA_KEY = "apiKey";

    private PublishedKey() {
    }

    /**
     * A name for the published copy of {@code namespace/secret} (key field {@code field}) that is a valid Secret name
     * whatever the source's length, and cannot collide across namespaces.
     */
    public static String secretName(String namespace, String secret, String field) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((namespace + "/" + secret + "/" + field).getBytes(StandardCharsets.UTF_8));
            return "modeldeploy-key-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** The operator-made API key Secret {@code <name>-api-key}: 256 random bits, created once and never rewritten. */
public final class ApiKeySecretRenderer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecretRenderer() {
    }

    public static Secret render(ResolvedDeployment d, String apiKey) {
        return new SecretBuilder()
                .withApiVersion("v1")
                .withKind("Secret")
                .withMetadata(Owners.ownedMetadata(d.ref(), d.apiKey().secretName(), "api-key"))
                .withType("Opaque")
                .withData(Map.of(d.apiKey().key(),
                        Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** An OpenAI-style key: "sk-" and 43 URL-safe characters of randomness. */
    public static String newApiKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 64 bits of the key's SHA-256: enough to notice a change, useless for recovering the key. */
    public static String digest(String apiKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.modeldeploy.operator.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;

/**
 * Stamps a rendered object with a digest of itself. The reconciler applies an object only when the
 * live copy carries a different digest, so an idle deployment causes no writes at all.
 */
public final class DesiredDigest {
    /** Map order must not leak into the digest: Map.of() iterates differently in every JVM. */
    private static final ObjectMapper CANONICAL = Serialization.jsonMapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private DesiredDigest() {
    }

    public static <T extends HasMetadata> T stamp(T desired) {
        String digest = of(desired);
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new HashMap<>());
        }
        desired.getMetadata().getAnnotations().put(PodAnnotations.DESIRED_DIGEST, digest);
        return desired;
    }

    public static boolean matches(HasMetadata live, HasMetadata desired) {
        if (live == null || live.getMetadata().getAnnotations() == null) {
            return false;
        }
        return desired.getMetadata().getAnnotations().get(PodAnnotations.DESIRED_DIGEST)
                .equals(live.getMetadata().getAnnotations().get(PodAnnotations.DESIRED_DIGEST));
    }

    static String of(Object object) {
        try {
            byte[] json = CANONICAL.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 12);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

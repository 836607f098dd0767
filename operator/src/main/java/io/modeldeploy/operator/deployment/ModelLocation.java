package io.modeldeploy.operator.deployment;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an engine finds its weights, from a model URI: a Hugging Face id it downloads into the model
 * cache volume, a path on a PersistentVolumeClaim, or a path already in the image.
 *
 * @param engineModelArg what the engine gets as its model argument
 * @param claimName      the PVC to mount read-only, for {@code pvc://}
 */
public record ModelLocation(String engineModelArg, Optional<String> claimName) {
    /** Mount point of the model volume (the cache emptyDir, or the claim). */
    public static final String MOUNT_PATH = "/models";

    /**
     * Whether the engine downloads the weights (hf://) and so needs the cache volume. Claims and file
     * paths name weights already on disk, which the engine gets as an absolute path.
     */
    public boolean downloads() {
        return claimName.isEmpty() && !engineModelArg.startsWith("/");
    }

    /** Parses hf://, pvc:// and file:// URIs; anything else is refused with a message for the user. */
    public static ModelLocation parse(String uri) {
        int sep = uri.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("'" + uri + "' has no scheme; use hf://, pvc:// or file://");
        }
        String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = uri.substring(sep + 3);
        switch (scheme) {
            case "hf":
                if (rest.isBlank()) {
                    throw new IllegalArgumentException("'" + uri + "' names no Hugging Face repository");
                }
                return new ModelLocation(rest, Optional.empty());
            case "pvc":
                int slash = rest.indexOf('/');
                String claim = slash < 0 ? rest : rest.substring(0, slash);
                String path = slash < 0 ? "" : rest.substring(slash + 1);
                if (claim.isBlank()) {
                    throw new IllegalArgumentException("'" + uri + "' names no claim; use pvc://<claim>/<path>");
                }
                return new ModelLocation(path.isEmpty() ? MOUNT_PATH : MOUNT_PATH + "/" + path, Optional.of(claim));
            case "file":
                // Read as text like the other schemes: URI.getPath() would take "opt" in file://opt/weights
                // as a host and silently drop it.
                if (!rest.startsWith("/")) {
                    throw new IllegalArgumentException("'" + uri + "' must be an absolute path: file:///abs/path");
                }
                return new ModelLocation(rest, Optional.empty());
            default:
                throw new IllegalArgumentException("scheme '" + scheme + "' is not supported for models; use hf://, pvc:// or file://");
        }
    }
}

package io.modeldeploy.operator.deployment;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an adapter's files are inside the pod, and how they get there.
 *
 * <ul>
 *   <li>{@code hf://org/repo[@revision]} and {@code s3://bucket/prefix}: the adapter-sync sidecar downloads
 *       them into the shared volume at {@code /adapters/<name>-<digest of the uri>}; no restart, even for
 *       adapters added later. A new URI under the same name is a new path, so the engine is told to
 *       reload it instead of serving the old weights under the old name.</li>
 *   <li>{@code pvc://claim/path}: the claim is mounted read-only at {@code /adapter-claims/<claim>}. A claim
 *       the pod does not mount yet changes the pod template (one rolling restart); more adapters on an
 *       already mounted claim do not.</li>
 *   <li>{@code file:///abs/path}: already in the image or on the node.</li>
 * </ul>
 *
 * @param pathInPod the {@code lora_path} the engine loads
 * @param claimName the PersistentVolumeClaim to mount, for pvc://
 * @param synced    whether the sidecar must fetch the files before the engine can load them
 */
public record AdapterLocation(String name, String uri, String pathInPod, Optional<String> claimName, boolean synced) {
    public static final String SYNC_DIR = "/adapters";
    public static final String CLAIMS_DIR = "/adapter-claims";
    private static final Pattern CLAIM_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public static AdapterLocation of(String name, String uri) {
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("'" + uri + "' has no scheme; use hf://, s3://, pvc:// or file://");
        }
        String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = uri.substring(sep + 3);
        return switch (scheme) {
            case "hf", "s3" -> {
                if (rest.isBlank() || rest.startsWith("/")) {
                    throw new IllegalArgumentException("'" + uri + "' names no " + (scheme.equals("hf") ? "repository" : "bucket"));
                }
                yield new AdapterLocation(name, uri, SYNC_DIR + "/" + name + "-" + versionOf(uri), Optional.empty(), true);
            }
            case "pvc" -> {
                int slash = rest.indexOf('/');
                String claim = slash < 0 ? rest : rest.substring(0, slash);
                String path = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
                if (claim.isBlank()) {
                    throw new IllegalArgumentException("'" + uri + "' names no claim: pvc://<claim>/<path>");
                }
                if (claim.length() > 253 || !CLAIM_NAME.matcher(claim).matches()) {
                    throw new IllegalArgumentException("'" + uri + "': '" + claim + "' is not a PersistentVolumeClaim name"
                            + " (lower case letters, digits, '-' and '.')");
                }
                String mount = CLAIMS_DIR + "/" + claim;
                yield new AdapterLocation(name, uri, path.isEmpty() ? mount : mount + "/" + path, Optional.of(claim), false);
            }
            case "file" -> {
                if (!rest.startsWith("/")) {
                    throw new IllegalArgumentException("'" + uri + "' must be an absolute path: file:///abs/path");
                }
                yield new AdapterLocation(name, uri, rest, Optional.empty(), false);
            }
            default -> throw new IllegalArgumentException("scheme '" + scheme
                    + "' is not supported for adapters; use hf://, s3://, pvc:// or file://");
        };
    }

    /** A short digest of the URI: which version of the adapter a directory holds. */
    private static String versionOf(String uri) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(uri.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

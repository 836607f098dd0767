package io.modeldeploy.operator.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The example requests and answers of the vendors' published pages (shared/vendor-docs/), copied byte for byte
 * into test resources: the operator's response code must read them as they are.
 */
public final class VendorDocExamples {
    private VendorDocExamples() {
    }

    public static String read(String name) {
        try (InputStream in = VendorDocExamples.class.getResourceAsStream("/vendor-docs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource vendor-docs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

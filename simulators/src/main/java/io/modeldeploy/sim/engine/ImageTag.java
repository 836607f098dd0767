package io.modeldeploy.sim.engine;

/** The engine release an image names by its tag, as the engine images are tagged ({@code v0.8.4}). */
public final class ImageTag {
    private ImageTag() {
    }

    /** {@code vllm/vllm-openai:v0.8.4} -> {@code 0.8.4}; {@code latest} when the image has no tag. */
    public static String version(String image) {
        int slash = image == null ? -1 : image.lastIndexOf('/');
        int colon = image == null ? -1 : image.lastIndexOf(':');
        if (colon <= slash) {
            return "latest";
        }
        String tag = image.substring(colon + 1);
        return tag.startsWith("v") ? tag.substring(1) : tag;
    }
}

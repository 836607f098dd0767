package io.modeldeploy.operator.render;

/** Annotations the operator puts on objects it renders. */
public final class PodAnnotations {
    /** On the pod template: a digest of the API key, so a new key rolls the pods. */
    public static final String API_KEY_DIGEST = "modeldeploy.io/api-key-digest";
    /** On every owned object: a digest of what the operator last applied, so an unchanged object is not written again. */
    public static final String DESIRED_DIGEST = "modeldeploy.io/desired-digest";

    private PodAnnotations() {
    }
}

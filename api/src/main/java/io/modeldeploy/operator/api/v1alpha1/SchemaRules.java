package io.modeldeploy.operator.api.v1alpha1;

/**
 * The patterns and limits the CRD schema puts on strings and numbers (tenancy.md, "Bad input never escapes").
 * One place for both guards: the API server refuses at apply what breaks them, and the resolver checks the same
 * rules again, because a CRD installed from an older chart, or an object written before, may not carry them.
 */
public final class SchemaRules {
    /** A Kubernetes object name that is also a DNS-1035 label: the resource's name becomes its Service's. */
    public static final String DNS_1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    public static final int MAX_LABEL_LENGTH = 63;

    /** A DNS-1123 subdomain: Secret, ConfigMap and most other object names, and host names. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final int MAX_SUBDOMAIN_LENGTH = 253;

    /** A label value (empty aside): GPU types select nodes as label values and are shown in labels. */
    public static final String LABEL_VALUE = "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

    /** A key of a Secret's data. */
    public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

    /** An image tag, which backendVersion becomes. */
    public static final String IMAGE_TAG = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

    /**
     * A positive-looking Kubernetes quantity without exponents or the exa suffixes: {@code 3e9} cores or
     * {@code 8Ei} bytes fit no node, and overflow what managed platforms accept (whole cores, GiB as an int).
     */
    public static final String QUANTITY = "^([0-9]{1,9}(\\.[0-9]{1,9})?|\\.[0-9]{1,9})(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$";
    public static final int MAX_QUANTITY_LENGTH = 24;

    /**
     * An HTTP(S) base URL: a host name or bracketed IP address, an optional port and path, no user info, query or
     * fragment, so that nothing the provider appends to it can be bent into another URL.
     */
    public static final String ENDPOINT =
            "^https?://([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?(/[^\\s?#@]*)?$";

    /** Where weights come from: the schemes ModelLocation reads. */
    public static final String MODEL_URI = "^(hf|pvc|file)://[^\\s]+$";

    /** Where an adapter comes from: the schemes AdapterLocation reads. */
    public static final String ADAPTER_URI = "^(hf|s3|pvc|file)://[^\\s]+$";

    /** A duration as Go and kubectl write it, whole units only: 30s, 5m, 1h30m. */
    public static final String DURATION = "^([0-9]{1,4}h)?([0-9]{1,5}m)?([0-9]{1,6}s)?$";

    /** An HTTP path. */
    public static final String HTTP_PATH = "^/[^\\s]*$";

    public static final int MAX_URI_LENGTH = 1024;
    public static final int MAX_TEXT_LENGTH = 256;
    public static final int MAX_ARG_LENGTH = 4096;
    public static final int MAX_LIST_ITEMS = 128;

    /**
     * Hard ceilings of the schema. An installation sets lower limits of its own (modeldeploy.policy.max-*), which
     * the resolver checks; these only keep absurd numbers out of the API server.
     */
    public static final int MAX_REPLICAS = 1000;
    public static final int MAX_WORKERS = 64;
    public static final int MAX_GPUS_PER_NODE = 64;

    private SchemaRules() {
    }
}

package io.modeldeploy.operator.provider;

/** A provider that calls its vendor's REST API directly through the shared {@link VendorHttp}. */
public abstract class RestProvider implements ManagedProvider {
    protected final VendorHttp http;
    private final Description description;

    protected RestProvider(Description description, VendorHttp http) {
        this.description = description;
        this.http = http;
    }

    @Override
    public final Description description() {
        return description;
    }
}

package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.Target;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.alayanew.AlayaNewProvider;
import io.modeldeploy.operator.provider.drun.DRunProvider;
import io.modeldeploy.operator.provider.qianfan.QianfanProvider;
import io.modeldeploy.operator.provider.zstack.ZStackProvider;
import io.modeldeploy.operator.validate.DeploymentResolver;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls about a test deployment placed on a provider with the given options, as the managed flow makes them. */
public final class VendorCalls {
    public static final String VENDOR_NAME = "qwen-chat-1a2b3c4d";

    /** As {@link Fixtures#resolver()}, with installation endpoints for ZStack and d.run, which have no public one. */
    private static final DeploymentResolver RESOLVER = new DeploymentResolver(new Providers(
            List.of(new AlayaNewProvider(new VendorHttp()), new DRunProvider(new VendorHttp()),
                    new QianfanProvider(new VendorHttp()), new ZStackProvider(new VendorHttp())),
            Map.of("zstack", Optional.of("https://zstack.vendor.example"),
                    "drun", Optional.of("https://drun.vendor.example"))));

    private VendorCalls() {
    }

    /** Every provider, as an installation that lets endpoints point at 127.0.0.1 (the tests' stand-in vendors). */
    public static Providers onLoopback() {
        VendorHttp http = new VendorHttp();
        List<String> local = List.of("http://127.0.0.1:*");
        return new Providers(List.of(new AlayaNewProvider(http), new DRunProvider(http), new QianfanProvider(http),
                new ZStackProvider(http)), Map.of(),
                Map.of("alayanew", local, "drun", local, "qianfan", local, "zstack", local));
    }

    public static VendorCall call(Provider provider, ModelDeployment md, String vendorName, URI endpoint,
                                  VendorCredentials credentials, Map<String, Object> options, String baseServiceId) {
        Target target = md.getSpec().getTarget() == null ? new Target() : md.getSpec().getTarget();
        target.setProvider(provider);
        target.setOptions(provider, options);
        md.getSpec().setTarget(target);
        ResolvedDeployment d = RESOLVER.resolve(md).deployment()
                .orElseThrow(() -> new AssertionError("invalid spec: " + RESOLVER.resolve(md).errors()));
        return new VendorCall(d.ref(), (Placement.Managed) d.placement(), Optional.of(d), Optional.empty(), vendorName,
                endpoint, credentials, baseServiceId);
    }

    public static VendorCall call(Provider provider, ModelDeployment md, String vendorName, URI endpoint,
                                  VendorCredentials credentials, Map<String, Object> options) {
        return call(provider, md, vendorName, endpoint, credentials, options, null);
    }

    /** A call as request-body tests need it: the service's name on the vendor is {@link #VENDOR_NAME}. */
    public static VendorCall call(Provider provider, ModelDeployment md, Map<String, String> credentials,
                                  Map<String, Object> options) {
        return call(provider, md, VENDOR_NAME, URI.create("https://vendor.example"), new VendorCredentials(credentials),
                options, null);
    }
}

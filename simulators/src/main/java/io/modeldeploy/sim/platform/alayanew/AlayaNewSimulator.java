package io.modeldeploy.sim.platform.alayanew;

import io.modeldeploy.sim.platform.http.Faults;
import io.modeldeploy.sim.platform.http.RequestLog;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.PlatformSimulator;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A SIMULATED Alaya NeW (九章智算云) serverless-infer API, for provider tests and local tries; it runs no model and
 * talks to no vendor. Built from {@code shared/design/vendors.md} §1 only.
 *
 * <p><b>Served</b> under {@link #API_PREFIX} (operation names, for {@link Faults} and {@link RequestLog}, in
 * brackets): {@code POST /deployment} [create], {@code POST /deployment/expert} [createExpert],
 * {@code POST /deployment/lora} [createLora], {@code GET /deployment/list} [list], {@code GET /deployment/{id}} [get],
 * {@code PUT /deployment/{id}/scale} [scale], {@code PUT /deployment/{id}} [update],
 * {@code PUT /deployment/expert/{id}} [updateExpert], {@code PUT /deployment/lora/{id}} [updateLora],
 * {@code POST /deployment/{id}/cancel} [cancel], {@code DELETE /deployment/{id}} [delete]. There is no stop or start
 * call, because the docs publish none.
 *
 * <p><b>Auth</b>: {@code Authorization: plain Credential=<AK>,Signature=<SK>} compared verbatim; anything else is
 * HTTP 401 {@code {"code":-1,"data":null,"msg":…}}. Replies use the {@code {code, data, msg}} envelope, but for a
 * LoRA service's detail, which is the bare object with {@code servedName} a string, as its published example
 * (vendor-docs/alayanew-deployment-detail-lora.txt). A base service's detail carries no {@code serviceId}, as the
 * published QuickStart example; {@link #quirks()} switches both to the other shapes.
 *
 * <p><b>Progress</b>: a base service is {@code starting} for the first half of
 * {@link SimOptions#deployDelay()}, then {@code running} with {@code baseModelReady=false} on its instances, then
 * {@code running} and ready. A LoRA service is {@code starting} until its own deploy delay has passed and its base is
 * ready; then it is {@code running} and its {@code servedName} appears in the base's {@code instance[].loraModels}.
 * A failing deployment ({@link Faults#failDeploymentOf}) goes {@code starting} → {@code failed}.
 *
 * <p><b>Choices where vendors.md is silent</b> (§7.1):
 * <ul>
 *   <li>Expert create answers {@code {serviceId}} like QuickStart; LoRA create answers {@code {}} as the docs'
 *       example, so the client looks the LoRA service up by name in the list.</li>
 *   <li>A LoRA service shares its base's {@code serviceUrl} and key (its adapter runs on the base's engine).</li>
 *   <li>Duplicate names are accepted: the platform documents no uniqueness, and a provider that does not look up
 *       before creating leaves two services a test can see.</li>
 *   <li>Cancel takes any service to {@code stopping} → {@code stopped} (transition delay). An offline update is
 *       refused (400) unless the service is {@code stopped} or {@code failed}, and then deploys it again.</li>
 *   <li>Online scale needs a running base service; it replaces every instance with new ones ({@code scale.min}
 *       of them, at least one), not ready for {@link SimOptions#transitionDelay()}. {@code scale} is read from the
 *       JSON body, as the docs' example sends it (the page's "query parameter" label is not followed).</li>
 *   <li>List: {@code name} matches a substring, other filters exactly; {@code size} over 100 is a 400; newest
 *       first. Service ids are {@code svc-<hex>}; keys {@code sk-sim-<hex>}; service URLs are on
 *       {@code *.alayanew.sim.invalid} hosts, which never resolve, unless {@link #answerInference()} has the
 *       simulator answer inference itself.</li>
 *   <li>Deleting a base leaves its LoRA services, now {@code failed}.</li>
 *   <li>Only the documented status codes are used: a wrong method on a known path is 404, like an unknown path.
 *       The signed {@code alayanew-HMAC-SHA256} scheme of {@code /api/osm} is not accepted here.</li>
 * </ul>
 * Field spellings follow the docs' examples ({@code apikey}, {@code backenArgs}); {@link #quirks()} switches to the
 * other documented spellings ({@code apiKey}, {@code "0"} codes, {@code staring}/{@code stoping}/{@code stoped}),
 * a detail with its {@code serviceId}, and a LoRA detail in the envelope with a list {@code servedName}.
 */
public final class AlayaNewSimulator extends PlatformSimulator {
    /** The documented base path of the API. */
    public static final String API_PREFIX = "/api/serverless-infer/v1";

    private final AlayaNewQuirks quirks = new AlayaNewQuirks();
    private final AlayaNewStore store;
    private final AlayaNewViews views;

    private AlayaNewSimulator(InetSocketAddress bind, String accessKey, String secretKey, SimOptions options) {
        super(bind, "alayanew", API_PREFIX, options);
        AlayaNewEnvelope envelope = new AlayaNewEnvelope(quirks);
        store = new AlayaNewStore(options, faults(), envelope);
        views = new AlayaNewViews(store, quirks);
        serve(envelope, new AlayaNewAuth(accessKey, secretKey, envelope),
                router -> {
                    new AlayaNewRoutes(store, views, envelope, quirks).register(router, API_PREFIX);
                    new AlayaNewInference(store).register(router);
                });
    }

    /**
     * Services created from now on answer OpenAI chat and text completions at their URL (on this simulator),
     * checking the {@code apiKey} header, instead of naming hosts that never resolve.
     */
    public AlayaNewSimulator answerInference() {
        store.answerInferenceAt(baseUrl() + AlayaNewInference.PREFIX);
        return this;
    }

    /** Starts serving on {@code bind} (port 0 picks a free port), accepting exactly this key pair. */
    public static AlayaNewSimulator start(InetSocketAddress bind, String accessKey, String secretKey,
                                         SimOptions options) {
        return new AlayaNewSimulator(bind, accessKey, secretKey, options);
    }

    /** Switches between the spellings the docs show. */
    public AlayaNewQuirks quirks() {
        return quirks;
    }

    /** Every service now, oldest first. */
    public List<AlayaNewService> services() {
        return store.all().stream().map(views::snapshot).toList();
    }

    public Optional<AlayaNewService> service(String serviceId) {
        return store.find(serviceId).map(views::snapshot);
    }
}

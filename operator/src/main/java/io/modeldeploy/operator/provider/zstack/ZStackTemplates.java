package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

/**
 * Registers the model-service template of a ModelDeployment once (AddModelService, {@link ZStackModelServices}):
 * looked up by its derived uuid first, so a retried create, or one whose answer was lost, finds it instead of
 * registering a second.
 */
final class ZStackTemplates {
    private final ZStackApi api;

    ZStackTemplates(ZStackApi api) {
        this.api = api;
    }

    /** @return the template's uuid, to deploy */
    String register(VendorCall call, ObjectNode addBody) throws VendorException {
        String uuid = ZStackModelServices.uuidOf(addBody);
        if (exists(call, uuid)) {
            return uuid;
        }
        ZStackApi.Job job = api.submit(call, "POST", ZStackModelServices.PATH, addBody, "addModelService", uuid);
        if (job instanceof ZStackApi.Done done) {
            // The page's example inventory has no uuid; the one chosen is the template's then.
            return ZStackModelServices.template(done.body()).flatMap(ZStackModelServices.Template::uuid).orElse(uuid);
        }
        if (job instanceof ZStackApi.Failed failed) {
            if (exists(call, uuid)) {
                // A first call whose answer was lost registered it: resourceUuid is taken by our own template.
                return uuid;
            }
            throw failed.failure().exception("AddModelService");
        }
        // Documented as synchronous; a ZStack that runs it as a job anyway is asked again on the next reconcile.
        throw VendorException.transientFailure("AddModelService of template " + uuid + " is still running", null);
    }

    private boolean exists(VendorCall call, String uuid) throws VendorException {
        return ZStackResponses.firstInventory(api.query(call, ZStackModelServices.PATH + "/" + uuid)).isPresent();
    }
}

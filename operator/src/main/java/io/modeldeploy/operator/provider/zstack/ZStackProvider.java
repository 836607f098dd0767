package io.modeldeploy.operator.provider.zstack;

import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.VendorService;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ZStack AIOS model services: DeployModelService from a registered template creates an instance group whose uuid
 * is derived from the ModelDeployment's uid; the group is read and deleted by that uuid. ZStack publishes no
 * stop, start or replica scale for groups.
 */
@Singleton
public final class ZStackProvider implements ManagedProvider {
    /**
     * No public endpoint: every ZStack installation is private, so its endpoint must be configured or given.
     * Publishes neither scale nor stop and start for a deployed model service.
     */
    private static final Description DESCRIPTION = new Description(Provider.ZStack, "zstack",
            Optional.empty(), ZStackApi.API_PATH, new Capabilities(false, false, false));
    private static final String GROUPS = "/ai/model-services/instances/groups";

    private final ZStackApi api;
    /** Groups whose deploy job was accepted by this process but which ZStack may not list yet. */
    private final Set<String> deploying = ConcurrentHashMap.newKeySet();

    public ZStackProvider(VendorHttp http) {
        this.api = new ZStackApi(http);
    }

    @Override
    public Description description() {
        return DESCRIPTION;
    }

    /** The group is found by its derived uuid: the same resource always names the same group. */
    @Override
    public Optional<VendorService> findByName(VendorCall call) throws VendorException {
        return group(call, ZStackIds.groupUuid(call.ref().uid()));
    }

    @Override
    public VendorService create(VendorCall call) throws VendorException {
        String groupUuid = ZStackIds.groupUuid(call.ref().uid());
        ZStackApi.Job job = api.submit(call, "PUT", "/ai/model-services/" + ZStackRequests.templateUuid(call),
                ZStackRequests.deploy(call, groupUuid), "deployModelService", groupUuid);
        if (job instanceof ZStackApi.Failed failed) {
            // A retried deploy whose first call made the group: resourceUuid is taken by our own group.
            Optional<VendorService> existing = group(call, groupUuid);
            if (existing.isPresent()) {
                return existing.get();
            }
            throw VendorException.refused("DeployModelService failed: " + failed.message());
        }
        deploying.add(groupUuid);
        try {
            return group(call, groupUuid).orElseGet(() -> ZStackResponses.accepted(groupUuid));
        } catch (VendorException e) {
            // The uuid is ours and known: report the accepted deploy; the next poll reads the group.
            return ZStackResponses.accepted(groupUuid);
        }
    }

    @Override
    public Optional<VendorService> get(VendorCall call, String externalId) throws VendorException {
        Optional<VendorService> group = group(call, externalId);
        if (group.isPresent()) {
            deploying.remove(externalId);
            return group;
        }
        return deploying.contains(externalId) ? Optional.of(ZStackResponses.accepted(externalId)) : Optional.empty();
    }

    /** DeleteModelServiceInstanceGroup; done when the group no longer shows (ZStack's delete of a missing group succeeds). */
    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        deploying.remove(externalId);
        if (group(call, externalId).isEmpty()) {
            return true;
        }
        ZStackApi.Job job = api.submit(call, "DELETE", GROUPS + "/" + externalId + "?deleteMode=Permissive", null,
                "deleteModelServiceInstanceGroup", externalId);
        if (job instanceof ZStackApi.Failed failed && !ZStackError.NOT_FOUND.equals(failed.code())) {
            throw VendorException.transientFailure("DeleteModelServiceInstanceGroup failed: " + failed.message(), null);
        }
        return group(call, externalId).isEmpty();
    }

    private Optional<VendorService> group(VendorCall call, String uuid) throws VendorException {
        return ZStackResponses.firstInventory(api.query(call, GROUPS + "/" + uuid)).map(ZStackResponses::group);
    }
}

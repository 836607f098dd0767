package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.VendorService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ZStack AIOS model services: the template the options name, or one the operator registers (AddModelService), is
 * deployed (DeployModelService) as an instance group whose uuid is derived from the ModelDeployment's uid; the group
 * is read and deleted by that uuid. ZStack publishes no stop, start or replica scale for groups.
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
    private final ZStackTemplates templates;
    /**
     * Groups whose deploy job was accepted by this process but which ZStack may not list yet, with the job's
     * location ("" when unknown): a job that fails later is read there.
     */
    private final ConcurrentHashMap<String, String> deployJobs = new ConcurrentHashMap<>();
    /** Groups whose deploy job failed before the group showed, with ZStack's error. */
    private final ConcurrentHashMap<String, ZStackFailure> failedDeploys = new ConcurrentHashMap<>();

    @Inject
    public ZStackProvider(VendorHttp http) {
        this(http, ZStackApi.JOB_WAIT);
    }

    /** @param jobWait how long one reconcile waits for a job ({@link ZStackApi#JOB_WAIT}) */
    ZStackProvider(VendorHttp http, Duration jobWait) {
        this.api = new ZStackApi(http, jobWait);
        this.templates = new ZStackTemplates(api);
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
        Optional<String> given = ZStackRequests.givenTemplate(call);
        Optional<ZStackLaunch> launch = given.isPresent() ? Optional.empty()
                : Optional.of(ZStackLaunch.of(call.deployment()));
        // Both bodies first: what ZStack cannot express is refused before anything is registered.
        ObjectNode deploy = ZStackRequests.deploy(call, groupUuid, launch);
        Optional<ObjectNode> add = launch.isPresent() ? Optional.of(ZStackModelServices.add(call, launch.get()))
                : Optional.empty();
        String template = given.isPresent() ? given.get() : templates.register(call, add.orElseThrow());
        ZStackApi.Job job = api.submit(call, "PUT", "/ai/model-services/" + template, deploy, "deployModelService",
                groupUuid);
        if (job instanceof ZStackApi.Failed failed) {
            // A retried deploy whose first call made the group: resourceUuid is taken by our own group.
            Optional<VendorService> existing = group(call, groupUuid);
            if (existing.isPresent()) {
                return existing.get();
            }
            throw failed.failure().exception("DeployModelService");
        }
        failedDeploys.remove(groupUuid);
        deployJobs.put(groupUuid, job instanceof ZStackApi.Running running ? running.location() : "");
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
            deployJobs.remove(externalId);
            failedDeploys.remove(externalId);
            return group;
        }
        ZStackFailure failed = failedDeploys.get(externalId);
        if (failed != null) {
            return Optional.of(ZStackResponses.failedDeploy(externalId, failed));
        }
        String location = deployJobs.get(externalId);
        if (location == null) {
            return Optional.empty();
        }
        return deployStillAccepted(call, externalId, location);
    }

    /**
     * A deploy accepted but not listed yet: its job says whether it is still coming. A job ZStack refused makes the
     * deployment Failed with ZStack's words; one that failed for a passing reason made no group, so the group is
     * gone and the reconciler creates it again (under a new job uuid).
     */
    private Optional<VendorService> deployStillAccepted(VendorCall call, String groupUuid, String location)
            throws VendorException {
        if (location.isEmpty()) {
            return Optional.of(ZStackResponses.accepted(groupUuid));
        }
        ZStackApi.Job job = api.poll(call, location);
        if (job instanceof ZStackApi.Failed failed) {
            deployJobs.remove(groupUuid);
            if (ZStackErrorCodes.kind(failed.failure().code()) == VendorException.Kind.TRANSIENT) {
                return Optional.empty();
            }
            failedDeploys.put(groupUuid, failed.failure());
            return Optional.of(ZStackResponses.failedDeploy(groupUuid, failed.failure()));
        }
        if (job instanceof ZStackApi.Running running && running.location().isEmpty()) {
            // The job expired: only the group can tell from now on.
            deployJobs.put(groupUuid, "");
        }
        return Optional.of(ZStackResponses.accepted(groupUuid));
    }

    /** DeleteModelServiceInstanceGroup; done when the group no longer shows (ZStack's delete of a missing group succeeds). */
    @Override
    public boolean delete(VendorCall call, String externalId) throws VendorException {
        deployJobs.remove(externalId);
        failedDeploys.remove(externalId);
        if (group(call, externalId).isEmpty()) {
            return true;
        }
        ZStackApi.Job job = api.submit(call, "DELETE", GROUPS + "/" + externalId + "?deleteMode=Permissive", null,
                "deleteModelServiceInstanceGroup", externalId);
        if (job instanceof ZStackApi.Failed failed && !failed.failure().is(ZStackError.NOT_FOUND)) {
            throw failed.failure().exception("DeleteModelServiceInstanceGroup");
        }
        return group(call, externalId).isEmpty();
    }

    private Optional<VendorService> group(VendorCall call, String uuid) throws VendorException {
        return ZStackResponses.firstInventory(api.query(call, GROUPS + "/" + uuid)).map(ZStackResponses::group);
    }
}

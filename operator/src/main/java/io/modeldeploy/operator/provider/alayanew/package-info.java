/**
 * Alaya NeW (九章智算云) serverless-infer as a managed target ({@code spec.target.provider: AlayaNeW}), built
 * from the public docs summarised in shared/design/vendors.md section 1.
 *
 * <p><b>Endpoint</b>: {@code spec.target.endpoint} is the API base, default
 * {@code https://api.alayanew.com/api/serverless-infer/v1}; the host alone ({@code https://api.alayanew.com}) gets
 * the documented base path {@code /api/serverless-infer/v1}. The installation must allow it
 * ({@code modeldeploy.vendors.alayanew.allowed-endpoints}; default: the public endpoint). A 404 for the list call is
 * {@code EndpointInvalid}.
 *
 * <p><b>Auth</b>: the credentials Secret holds {@code accessKey} and {@code secretKey}; every call sends
 * {@code Authorization: plain Credential=<accessKey>,Signature=<secretKey>}, the only scheme the
 * serverless-infer pages document (the keys travel as they are, so use HTTPS). A 401/403 is
 * {@code CredentialsInvalid}.
 *
 * <p><b>Options</b> ({@code spec.target.alayaNew}): {@code vksId} and {@code namespace} (required for base
 * services), {@code modelId} (the platform's model id when it differs from spec.model.id), {@code gpuType}
 * (the platform's GPU resource name; default {@code nvidia.com/gpu-<gpu.type lower case>}, required for
 * expert mode with GPUs), {@code rpsValue} and {@code idleTime} (sent in {@code scale}), {@code extensions}
 * (expert mode).
 *
 * <p><b>Supported</b>:
 * <ul>
 *   <li>quickStart → {@code POST /deployment}: backend, backendVersion, backendArgs, resources (cpu rounded
 *       up to whole cores; memory rounded up to whole GiB, the docs give no unit), one service per
 *       deployment named by {@link io.modeldeploy.operator.provider.VendorNames}. The QuickStart create has
 *       no instance count: replicas other than 1 are applied with the scale call once it runs.</li>
 *   <li>expert → {@code POST /deployment/expert}: the single container's image, command, args, plain env,
 *       cpu/memory/GPU limits, template labels, PVC mounts; {@code scale.min = scale.max = replicas}. Pod
 *       scheduling fields (nodeSelector, tolerations, affinity) are not sent: the platform places the
 *       service, and {@code gpuType} says which GPU.</li>
 *   <li>lora mode → {@code POST /deployment/lora} with {@code baseServiceId} = the base's
 *       {@code status.target.externalId}. The LoRA deployment carries {@code target.provider: AlayaNeW} (and
 *       endpoint and credentials) like its base; one adapter per deployment, its {@code hf://} id as the
 *       platform's {@code modelId}, its name as {@code servedName}. Its status mirrors the base's instances
 *       and it is Running once every base instance lists the adapter in {@code loraModels}.</li>
 *   <li>get (status, {@code serviceUrl}, the per-service {@code apiKey}/{@code apikey} into the
 *       {@code <name>-api-key} Secret, per-instance {@code baseModelReady} and {@code loraModels}), list by
 *       exact name before every create (idempotent create), online scale ({@code PUT /deployment/{id}/scale}
 *       with min = max = replicas; at least 1), delete (404 = gone).</li>
 * </ul>
 *
 * <p><b>Not supported</b>: stop and start. The status values {@code stopping}/{@code stopped} exist but no
 * stop or start call is published, so {@code spec.stopped: true} gives the condition
 * {@code OperationNotSupported} and an Event, and the service keeps running. Offline update and cancel are
 * published but not used: an offline update needs a stopped service, which cannot be reached. Inline
 * adapters on a base ({@code spec.adapters} on quickStart/expert), models from outside the catalogue
 * ({@code spec.model.uri} other than {@code hf://}), sidecars, init containers, {@code valueFrom} env and
 * non-PVC volumes are refused with the reason. Scaling to 0 is refused (scale-to-zero is not documented).
 *
 * <p><b>Clients</b> call {@code POST {status.serviceUrl}/chat/completions} ({@code status.serviceUrl} is
 * the vendor's serviceUrl + {@code /v1}, an OpenAI base URL) with the header {@code apiKey: <key>} (not
 * {@code Authorization: Bearer}), the key from the Secret {@code <name>-api-key}, and
 * {@code model} = a served name.
 */
package io.modeldeploy.operator.provider.alayanew;

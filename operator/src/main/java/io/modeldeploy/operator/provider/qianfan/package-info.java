/**
 * Baidu Qianfan custom services ({@code /v2/service}, vendors.md §3) as a managed target.
 *
 * <p><b>Endpoint</b>: default {@code https://qianfan.baidubce.com}; the host alone gets {@code /v2/service}, an endpoint
 * with a path is the Action URL's path as written. The installation must allow it
 * ({@code modeldeploy.vendors.qianfan.allowed-endpoints}). A 404 for DescribeServices is {@code EndpointInvalid}.
 *
 * <p><b>Auth</b>: every Action is signed with {@code bce-auth-v1} ({@link io.modeldeploy.operator.provider.qianfan.BceSigner},
 * written from vendors.md §3.1 and tested with the published vectors), over {@code host;x-bce-date} as the SDKs
 * sign, valid 300 s. Credentials Secret keys: {@code accessKey}, {@code secretKey}. A refused signature or key
 * ({@code SignatureDoesNotMatch}, {@code InvalidAccessKeyId}, {@code SignatureEmpty}, {@code AccessDenied},
 * {@code RequestExpired}, …) is {@code CredentialsInvalid}.
 *
 * <p><b>Supported</b>: create (CreateService, after DescribeServices found no service with the deterministic name,
 * so a create whose answer was lost is found, not repeated), read (DescribeService, {@code runStatus} mapped per
 * vendors.md §5; scaling or updating while Serving is Running plus Progressing), and replicas (ScaleService on the
 * service's single compute unit; a service spread over several units is refused). Options
 * ({@code spec.target.qianfan}): {@code modelSetId} and {@code modelVersionId} (required; the model version to
 * serve), then either {@code region} + {@code resourceType} (+ {@code paymentTiming}, default Postpaid) for the
 * public resource pool or {@code computeUnitId} for a bought compute unit; {@code qps} (a number, documented as a float); {@code urlSuffix}.
 *
 * <p><b>Not supported, because Qianfan publishes no such Action</b> (vendors.md §3, §7.3): stop, start and delete.
 * {@code spec.stopped} gives the condition {@code OperationNotSupported} and an Event, and the service keeps
 * running. ScaleService to 0 is not used as a stop: the docs do not say it is one.
 *
 * <p><b>Deletion</b>: with no Delete Action the operator cannot delete the service, and releasing the finalizer
 * would leave a billed service that no Kubernetes object points to any more. So, with the default
 * {@code deletionPolicy: Delete}, the finalizer stays and a {@code VendorDeleteFailed} Warning Event names the
 * service to delete in the Qianfan console; the resource goes once DescribeService answers 404 (checked with
 * backoff, at most every 5 minutes), or at once when the user sets {@code deletionPolicy: Retain}, which keeps the
 * service on Qianfan.
 *
 * <p><b>Clients</b>: the service is created with {@code protocolVersion 2}, so {@code status.serviceUrl} is the
 * OpenAI-compatible base ({@code https://qianfan.baidubce.com/v2}, documented; on another endpoint host the same
 * {@code /v2} path, inferred) and {@code model} is the {@code urlSuffix} DescribeService answers (documented as the v2
 * {@code model} value), which goes into {@code status.servedNames}; the operator asks for the option
 * {@code urlSuffix}, else the first served name. DescribeService's {@code url} is the version-1 address and is not
 * used.
 *
 * <p><b>Errors</b>: the documented shape {@code {requestId, code, message}} is an error whatever HTTP status carries
 * it, a 2xx included. "No such service" is a 404 or a code ending in {@code NotFound} or containing
 * {@code NotExist} (the code catalogue is not published: inferred); throttling and internal codes are retried, any
 * other code is a refusal. The DescribeServices list (schema not published) is read from {@code serviceList},
 * {@code services} or {@code items} with {@code isTruncated}/{@code nextMarker} paging, to its last page; a list the
 * operator cannot read stops the create rather than risk a second billed service. Qianfan authenticates inference with the account's key, not
 * one per service: {@code Authorization: Bearer bce-v3/ALTAK-…}; the operator issues no key Secret for it.
 * The quickStart engine and resources have no Qianfan equivalent and are not sent; backendArgs, expert, LoRA
 * mode and adapters are refused.
 */
package io.modeldeploy.operator.provider.qianfan;

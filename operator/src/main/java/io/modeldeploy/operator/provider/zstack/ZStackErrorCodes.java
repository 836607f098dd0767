package io.modeldeploy.operator.provider.zstack;

import io.modeldeploy.operator.provider.VendorException;

import java.util.Set;

/**
 * What a ZStack error code means for the reconciler. ZStack answers every API error alike (a 503, or
 * {@code success: false} in a 200), so the HTTP status says nothing: the code does. The published page
 * (zstack-add-model-service.txt) documents the ErrorCode shape but lists no codes; the codes and their meaning are
 * ZStack's open-source enums {@code SysErrors} (SYS.1000-1014) and {@code IdentityErrors} (ID.1000-1007,
 * ID.2000-2003). Which of them are worth a retry is inferred from their names:
 *
 * <ul>
 *   <li><b>transient</b> (retried with backoff): SYS.1000 internal, SYS.1001 timeout, SYS.1009 no route,
 *       SYS.1010 not ready, SYS.1011 undeliverable, SYS.1012 management node unavailable, ID.1001 invalid
 *       session (after the one renewal), ID.1006 too many sessions, ID.2003 additional-authentication server
 *       error;</li>
 *   <li><b>credentials</b> (the Secret must change): ID.1000 authentication, ID.1002 permission denied,
 *       ID.1005 password must change, ID.1007 account disabled, ID.2000-2002 additional authentication;</li>
 *   <li><b>refused</b> (Failed, no hot retry; the spec or options must change): everything else, namely
 *       SYS.1002 create, SYS.1003 not found, SYS.1004 delete, SYS.1005 state change, SYS.1006 operation
 *       error, SYS.1007 invalid argument, SYS.1008 unknown message, SYS.1013 no capability, SYS.1014 not
 *       implemented, ID.1003 quota exceeded, ID.1004 invalid quota operation, and any code of another module
 *       (an API that ran and said no is not known to change its mind by itself).</li>
 * </ul>
 */
final class ZStackErrorCodes {
    private static final Set<String> TRANSIENT = Set.of("SYS.1000", "SYS.1001", "SYS.1009", "SYS.1010", "SYS.1011",
            "SYS.1012", ZStackError.INVALID_SESSION, "ID.1006", "ID.2003");
    private static final Set<String> CREDENTIALS = Set.of(ZStackError.AUTHENTICATION, "ID.1002", "ID.1005", "ID.1007",
            "ID.2000", "ID.2001", "ID.2002");

    private ZStackErrorCodes() {
    }

    static VendorException.Kind kind(String code) {
        if (code == null) {
            // success: false without an error names no reason; the API ran and said no.
            return VendorException.Kind.REFUSED;
        }
        if (TRANSIENT.contains(code)) {
            return VendorException.Kind.TRANSIENT;
        }
        return CREDENTIALS.contains(code) ? VendorException.Kind.CREDENTIALS : VendorException.Kind.REFUSED;
    }

    static VendorException exception(String code, String message) {
        return new VendorException(kind(code), message, null, null);
    }
}

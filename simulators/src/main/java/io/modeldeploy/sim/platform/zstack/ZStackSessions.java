package io.modeldeploy.sim.platform.zstack;

import io.modeldeploy.sim.platform.http.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ZStack login sessions: one account, whose password the client sends as the hex SHA-512 of the plain password
 * (vendors.md §2). A session lives a fixed TTL from login and is not extended by use, so a client must be ready to
 * log in again.
 */
final class ZStackSessions {
    record Session(String uuid, String accountUuid, Instant createdAt, Instant expiresAt) {
    }

    enum Validity { VALID, EXPIRED, UNKNOWN }

    private final String accountName;
    private final byte[] passwordSha512Hex;
    private final String accountUuid = Ids.compactUuid();
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Session> sessions = new HashMap<>();

    ZStackSessions(String accountName, String plainPassword, Duration ttl, Clock clock) {
        this.accountName = accountName;
        this.passwordSha512Hex = sha512Hex(plainPassword).getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A new session, or empty when the account or hashed password is wrong. */
    synchronized Optional<Session> login(String account, String hashedPassword) {
        byte[] offered = hashedPassword.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        boolean passwordMatches = MessageDigest.isEqual(passwordSha512Hex, offered);
        if (!(passwordMatches & accountName.equals(account))) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = new Session(Ids.compactUuid(), accountUuid, now, now.plus(ttl));
        sessions.put(session.uuid(), session);
        return Optional.of(session);
    }

    synchronized Validity check(String sessionUuid) {
        Session session = sessions.get(sessionUuid);
        if (session == null) {
            return Validity.UNKNOWN;
        }
        return clock.instant().isBefore(session.expiresAt()) ? Validity.VALID : Validity.EXPIRED;
    }

    synchronized void logout(String sessionUuid) {
        sessions.remove(sessionUuid);
    }

    /** Test hook: every session expires now, as after a long pause. */
    synchronized void expireAll() {
        Instant now = clock.instant();
        sessions.replaceAll((uuid, s) -> new Session(s.uuid(), s.accountUuid(), s.createdAt(), now));
    }

    synchronized int validCount() {
        Instant now = clock.instant();
        return (int) sessions.values().stream().filter(s -> now.isBefore(s.expiresAt())).count();
    }

    static String sha512Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }
}

package com.tradesense.marketdata.realtime.ws;

/**
 * Close codes of {@code /api/v1/stream} (documented in docs/stream.md).
 * <ul>
 *   <li>1001: the server is shutting down.</li>
 *   <li>1008 (policy violation): the client kept sending bad messages ({@code mde.stream.max-bad-messages}
 *       within {@code mde.stream.bad-message-window}), or let its control queue fill up.</li>
 *   <li>1009 (message too big): a frame above {@code quarkus.websockets-next.server.max-message-size}
 *       (64 KiB), closed by the WebSocket layer itself. Smaller oversized messages only get an error.</li>
 *   <li>4001: slow consumer, still behind {@code mde.stream.slow-consumer-grace} after conflating/dropping.</li>
 *   <li>4002: heartbeat timeout, nothing received (not even a pong) for {@code mde.stream.heartbeat-timeout}.</li>
 *   <li>4003: not authenticated: no valid credential (access token or API key) at the handshake nor in an
 *       {@code auth} message within {@code mde.auth.ws-auth-timeout}, an invalid one in the first {@code auth}
 *       message (or too many failed authentications from the address), or another message sent before
 *       authenticating.</li>
 *   <li>4004: the access token expired and no new one was sent ({@code {"action":"auth","token":...}}) in time.
 *       Never for a connection authenticated with an API key, which does not expire.</li>
 *   <li>4005: the API key of the connection (sent itself or behind its token) was revoked (seen within
 *       {@code mde.auth.key-check-ttl} plus a second).</li>
 * </ul>
 */
public final class CloseCodes {
    public static final int GOING_AWAY = 1001;
    public static final int ABUSE = 1008;
    public static final int TOO_BIG = 1009;
    public static final int SLOW_CONSUMER = 4001;
    public static final int HEARTBEAT_TIMEOUT = 4002;
    public static final int UNAUTHENTICATED = 4003;
    public static final int TOKEN_EXPIRED = 4004;
    public static final int KEY_REVOKED = 4005;

    private CloseCodes() {
    }
}

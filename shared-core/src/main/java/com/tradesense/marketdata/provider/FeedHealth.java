package com.tradesense.marketdata.provider;

/**
 * Where a provider's real-time feed reports the state of its connection, so that provider status can show it.
 * The router's health implements it; a feed knows only this interface, not the router.
 */
public interface FeedHealth {
    /** The provider's real-time feed is degraded (silent while its market is open, or disconnected). */
    void feedDegraded(String provider, String reason);

    /** The provider's real-time feed is live again. */
    void feedRecovered(String provider);
}

package com.tradesense.marketdata.provider;

import java.util.Map;

/**
 * Every provider the engine has an adapter for, configured or not: what provider status lists besides the
 * providers that run. The adapters' package implements it from configuration; routing reads only this.
 */
public interface ProviderCatalogue {
    /** Provider id to whether it needs an API key, for every provider there is an adapter for. */
    Map<String, Boolean> known();

    /** True when a key for {@code id} is configured (whether or not the provider is enabled). */
    boolean credentialsConfigured(String id);
}

/**
 * Authentication and API keys: signed access tokens and refresh-token rotation, signing key rings, API-key
 * and refresh-token stores (memory or PostgreSQL), the auth filter and entitlements on {@code /api/v1/**},
 * and the verification caches that keep it cheap.
 */
package com.tradesense.marketdata.rest.security;
